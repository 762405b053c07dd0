using System.Globalization;
using Relaybox.Integration.Tests.Harness;
using Relaybox.Smtp.Tests.Delivery.Client;

namespace Relaybox.Integration.Tests.Delivery;

/// <summary>
/// `relaybox relayhost test` against a real smarthost (aiosmtpd with STARTTLS and AUTH required, certificate from a
/// private CA): an untrusted certificate and a refused login are told apart, and the right settings pass.
/// </summary>
public sealed class RelayhostTestTests : IDisposable
{
    private const string Login = "relay-account";
    private const string Password = "s3cret pass";

    private readonly string _folder = Directory.CreateTempSubdirectory("relaybox-relayhost-test-").FullName;
    private readonly TestCertificates _certificates;

    public RelayhostTestTests() => _certificates = TestCertificates.Create(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AnUntrustedCertificateAndARefusedLoginAreReportedDistinctly()
    {
        await using var sink = await UpstreamSink.StartAsync(_certificates.ChainFile, _certificates.KeyFile, Login, Password);

        var untrusted = await TestAsync(sink, password: Password, caFile: null);
        var refused = await TestAsync(sink, password: "wrong password", caFile: _certificates.CaFile);

        Assert.True(untrusted.ExitCode == 1, untrusted.ToString());
        Assert.Contains("FAILED at certificate: certificate not trusted: issued by 'relaybox test CA' to 'localhost'; not signed by a known authority", untrusted.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 fingerprint: {Convert.ToHexStringLower(_certificates.LeafSha256)}", untrusted.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTH", untrusted.StandardOutput, StringComparison.Ordinal);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("FAILED at auth: the provider refused the login 'relay-account'", refused.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("535", refused.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("TLS: STARTTLS, TLSv1.", refused.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong password", refused.Output, StringComparison.Ordinal);
        Assert.Empty(sink.Received());
    }

    [Fact]
    public async Task TheRightLoginAndThePrivateCaPassAndSendNoMail()
    {
        await using var sink = await UpstreamSink.StartAsync(_certificates.ChainFile, _certificates.KeyFile, Login, Password);

        var result = await TestAsync(sink, password: Password, caFile: _certificates.CaFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"certificate for 127.0.0.1 verified by the CA in {_certificates.CaFile}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("AUTH: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("accepted for 'relay-account'", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ok: the smarthost [127.0.0.1]:", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Output, StringComparison.Ordinal);
        Assert.Empty(sink.Received());
    }

    [Fact]
    public async Task TheReportedFingerprintWrittenAsTlsFingerprintMakesTheCertificateTrusted()
    {
        await using var sink = await UpstreamSink.StartAsync(_certificates.ChainFile, _certificates.KeyFile, Login, Password);

        var result = await TestAsync(sink, password: Password, caFile: null, fingerprint: Convert.ToHexStringLower(_certificates.LeafSha256));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("certificate matches tls_fingerprint", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutARelayhostItSaysMailGoesToTheMx()
    {
        var result = await RunAsync(WriteConfig(""));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no relayhost set: mail goes to each domain's MX", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenConfigurationExitsWithTheConfigCode()
    {
        var result = await RunAsync(WriteConfig("relayhost = [127.0.0.1]:99999\n"));

        Assert.True(result.ExitCode == 78, result.ToString());
    }

    private async Task<ProcessResult> TestAsync(UpstreamSink sink, string password, string? caFile, string? fingerprint = null)
    {
        string secret = Path.Combine(_folder, "relayhost-" + Guid.NewGuid().ToString("N") + ".secret");
        File.WriteAllText(secret, $"{Login} {password}\n");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string relay = $"relayhost = {sink.Relayhost}\ntls_security_level = secure\nsasl_password_file = {secret}\n"
            + (caFile is null ? string.Empty : $"tls_ca_file = {caFile}\n")
            + (fingerprint is null ? string.Empty : $"tls_fingerprint = {fingerprint}\n");
        return await RunAsync(WriteConfig(relay));
    }

    private string WriteConfig(string relaySection)
    {
        string data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        string path = Path.Combine(_folder, "relaybox-" + Guid.NewGuid().ToString("N") + ".ini");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture,
            $"[server]\nhostname = relay.test\ndata_dir = {data}\n\n[relay]\n{relaySection}"));
        return path;
    }

    private static Task<ProcessResult> RunAsync(string config) =>
        ExternalTool.RunAsync(RelayboxBinary.Path, ["relayhost", "test", "--config", config]);
}
