using System.Security.Cryptography;
using System.Text;
using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Interop;

/// <summary>
/// SCRAM-SHA-256-PLUS with a real client: GNU SASL's gsasl binds to the TLS 1.2 connection with tls-unique.
/// On TLS 1.3 (where gsasl would bind with tls-exporter, which SslStream cannot provide) -PLUS is not listed.
/// </summary>
public sealed class ChannelBindingTests
{
    private const string Login = "nas";
    private const string Password = "Nas-Plus-Binding-9";

    [Fact]
    public async Task GsaslCompletesScramSha256PlusOverTls12()
    {
        await using var relay = await StartWithVerifiableCertificateAsync();

        var result = await ExternalTool.RunAsync("gsasl",
        [
            "--smtp", "--connect", $"127.0.0.1:{relay.SubmissionPort}", "--starttls", "--priority", "NORMAL:-VERS-TLS1.3",
            "--x509-ca-file", Path.Combine(relay.DataDirectory, "tls", "cert.pem"),
            "--mechanism", "SCRAM-SHA-256-PLUS", "-a", Login, "-p", Password,
        ], standardInput: "");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("AUTH SCRAM-SHA-256-PLUS", result.Output);
        Assert.Contains("235 2.7.0", result.Output);
        // "server trusted": gsasl verified the server's SCRAM signature, so both sides bound the same channel.
        Assert.Contains("server trusted", result.Output);
    }

    [Theory]
    [InlineData(true, 235)]
    [InlineData(false, 535)]
    public async Task OnlyTheBindingOfThisConnectionAuthenticates(bool ownBinding, int expected)
    {
        await using var relay = await StartWithVerifiableCertificateAsync();
        await using var client = await RawSmtpClient.ConnectAsync(relay.SubmissionPort);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO nas.lan");
        await client.CommandAsync("STARTTLS");
        await client.HandshakeAsync(System.Security.Authentication.SslProtocols.Tls12);
        Assert.Contains("SCRAM-SHA-256-PLUS", (await client.CommandAsync("EHLO nas.lan")).Text);

        // A correct proof for the password in both cases; only the bound channel data differs.
        byte[] binding = ownBinding ? client.TlsUnique() : new byte[12];
        const string clientFirstBare = "n=nas,r=fyko+d2lbbFgONRv9qkxdawL";
        var serverFirst = await client.CommandAsync("AUTH SCRAM-SHA-256-PLUS " + Base64("p=tls-unique,," + clientFirstBare));
        string serverFirstText = Encoding.ASCII.GetString(Convert.FromBase64String(serverFirst.Lines[0][4..]));
        var fields = serverFirstText.Split(',').ToDictionary(f => f[..1], f => f[2..]);
        string withoutProof = $"c={Convert.ToBase64String([.. Encoding.ASCII.GetBytes("p=tls-unique,,"), .. binding])},r={fields["r"]}";
        byte[] salted = Rfc2898DeriveBytes.Pbkdf2(Password, Convert.FromBase64String(fields["s"]), int.Parse(fields["i"]), HashAlgorithmName.SHA256, 32);
        byte[] clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        byte[] signature = HMACSHA256.HashData(SHA256.HashData(clientKey), Encoding.ASCII.GetBytes($"{clientFirstBare},{serverFirstText},{withoutProof}"));
        byte[] proof = clientKey.Zip(signature, (a, b) => (byte)(a ^ b)).ToArray();
        var final = await client.CommandAsync(Base64($"{withoutProof},p={Convert.ToBase64String(proof)}"));
        if (final.Code == 334)
        {
            final = await client.CommandAsync(""); // the server's "v=" is answered with an empty response
        }

        Assert.Equal(expected, final.Code);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    [Fact]
    public async Task PlusIsNotListedOnTls13()
    {
        await using var relay = await StartWithVerifiableCertificateAsync();
        await using var client = await RawSmtpClient.ConnectAsync(relay.SubmissionPort);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO nas.lan");
        await client.CommandAsync("STARTTLS");
        await client.HandshakeAsync(System.Security.Authentication.SslProtocols.Tls13);

        var ehlo = await client.CommandAsync("EHLO nas.lan");

        Assert.Contains("AUTH SCRAM-SHA-256 PLAIN LOGIN", ehlo.Text);
        Assert.DoesNotContain("-PLUS", ehlo.Text);
    }

    /// <summary>gsasl verifies the server certificate: give the instance one valid for 127.0.0.1.</summary>
    private static async Task<RelayboxInstance> StartWithVerifiableCertificateAsync()
    {
        var relay = await RelayboxInstance.StartAsync(null, (Login, Password));
        await relay.KillAsync();
        string tls = Path.Combine(relay.DataDirectory, "tls");
        var made = await ExternalTool.RunAsync("openssl",
        [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
            "-subj", "/CN=relay.test", "-addext", "subjectAltName=DNS:relay.test,IP:127.0.0.1",
            "-keyout", Path.Combine(tls, "key.pem"), "-out", Path.Combine(tls, "cert.pem"),
        ]);
        Assert.True(made.ExitCode == 0, made.ToString());
        await relay.LaunchAsync();
        return relay;
    }
}
