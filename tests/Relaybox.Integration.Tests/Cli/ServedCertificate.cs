using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Relaybox.Integration.Tests.Cli;

/// <summary>The certificate a running relaybox really serves, read by a TLS handshake of the test's own (port 465, implicit TLS).</summary>
internal static partial class ServedCertificate
{
    public static async Task<string> FingerprintAsync(int smtpsPort)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", smtpsPort);
        await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "relay.test" }, timeout.Token);
        byte[] raw = ssl.RemoteCertificate!.GetRawCertData();
        return string.Join(':', Convert.ToHexString(SHA256.HashData(raw)).Chunk(2).Select(c => new string(c)));
    }

    /// <summary>The fingerprint on "relaybox status"'s certificate line.</summary>
    public static string FromStatus(string statusOutput)
    {
        var match = StatusLine().Match(statusOutput);
        Assert.True(match.Success, "no certificate line in:\n" + statusOutput);
        return match.Groups[1].Value;
    }

    /// <summary>The fingerprint on "relaybox tls show"'s line.</summary>
    public static string FromTlsShow(string output)
    {
        var match = ShowLine().Match(output);
        Assert.True(match.Success, "no fingerprint line in:\n" + output);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"TLS certificate: SHA-256 ([0-9A-F:]{95})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"SHA-256 fingerprint: ([0-9A-F:]{95})")]
    private static partial Regex ShowLine();
}
