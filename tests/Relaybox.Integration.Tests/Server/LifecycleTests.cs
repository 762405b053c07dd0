using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Server;

/// <summary>Start-up, reload and shutdown of the real daemon.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task FirstStartGeneratesAPrivateSelfSignedCertificateAndLogsItsFingerprint()
    {
        await using var relay = await RelayboxInstance.StartAsync();

        string key = Path.Combine(relay.DataDirectory, "tls", "key.pem");
        Assert.True(File.Exists(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        var fingerprint = await ExternalTool.RunAsync("openssl",
            ["x509", "-in", Path.Combine(relay.DataDirectory, "tls", "cert.pem"), "-noout", "-fingerprint", "-sha256"]);
        string expected = fingerprint.StandardOutput.Trim().Split('=')[1];
        Assert.Contains(expected, relay.Log);
        var san = await ExternalTool.RunAsync("openssl",
            ["x509", "-in", Path.Combine(relay.DataDirectory, "tls", "cert.pem"), "-noout", "-ext", "subjectAltName"]);
        Assert.Contains("DNS:relay.test", san.StandardOutput);
    }

    [Fact]
    public async Task SighupReloadsConfigWithoutDroppingAnOpenSession()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        await using var open = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await open.ReadReplyAsync();
        Assert.Contains("250-SIZE 10240000", (await open.CommandAsync("EHLO printer.lan")).Text);
        await open.CommandAsync("MAIL FROM:<printer@relay.test>");

        File.WriteAllText(relay.ConfigPath, File.ReadAllText(relay.ConfigPath).Replace("[server]\n", "[server]\nmessage_size_limit = 5000000\n"));
        relay.Signal(ProcessSignal.Hup);
        Assert.True(await relay.WaitForLogAsync("reloaded"), relay.Log);

        Assert.Equal(250, (await open.CommandAsync("RCPT TO:<owner@example.net>")).Code);
        Assert.Equal(354, (await open.CommandAsync("DATA")).Code);
        await open.SendAsync("Subject: across a reload\r\n\r\nstill here\r\n.\r\n");
        Assert.Equal(250, (await open.ReadReplyAsync()).Code);

        await using var fresh = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await fresh.ReadReplyAsync();
        Assert.Contains("250-SIZE 5000000", (await fresh.CommandAsync("EHLO printer.lan")).Text);
    }

    [Fact]
    public async Task ABrokenConfigOnReloadIsRefusedAndTheOldOneKeepsServing()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        File.AppendAllText(relay.ConfigPath, "\n[auth]\nsmtp_sasl_auth_enable = yes\n");

        relay.Signal(ProcessSignal.Hup);

        Assert.True(await relay.WaitForLogAsync("smtp_sasl_auth_enable"), relay.Log);
        await using var client = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task SigtermDrainsAndExitsCleanly()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        await using var idle = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await idle.ReadReplyAsync();

        int exitCode = await relay.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.StartsWith("421", (await idle.ReadReplyAsync()).Text);
    }

    [Fact]
    public async Task UserAddedWhileRunningCanLogInWithoutARestart()
    {
        await using var relay = await RelayboxInstance.StartAsync();

        await relay.AddUserAsync("latecomer", "Late-Pass-2026");
        var result = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", "PLAIN",
            "--auth-user", "latecomer", "--auth-password", "Late-Pass-2026");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task SighupServesAReplacedCertificateToNewConnections()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        string cert = Path.Combine(relay.DataDirectory, "tls", "cert.pem");
        string key = Path.Combine(relay.DataDirectory, "tls", "key.pem");
        string before = await ServedFingerprintAsync(relay);

        var made = await ExternalTool.RunAsync("openssl",
        [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
            "-subj", "/CN=relay.test", "-addext", "subjectAltName=DNS:relay.test", "-keyout", key, "-out", cert,
        ]);
        Assert.True(made.ExitCode == 0, made.ToString());
        relay.Signal(ProcessSignal.Hup);
        Assert.True(await relay.WaitForLogAsync("reloaded"), relay.Log);
        string after = await ServedFingerprintAsync(relay);
        var expected = await ExternalTool.RunAsync("openssl", ["x509", "-in", cert, "-noout", "-fingerprint", "-sha256"]);

        Assert.NotEqual(before, after);
        Assert.Equal(expected.StandardOutput.Trim().Split('=')[1], after);
    }

    private static async Task<string> ServedFingerprintAsync(RelayboxInstance relay)
    {
        var served = await ExternalTool.RunAsync("openssl",
            ["s_client", "-crlf", "-ign_eof", "-connect", $"127.0.0.1:{relay.SmtpsPort}"], "QUIT\n");
        string pem = served.StandardOutput[served.StandardOutput.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..];
        pem = pem[..(pem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)];
        var fingerprint = await ExternalTool.RunAsync("openssl", ["x509", "-noout", "-fingerprint", "-sha256"], pem + "\n");
        return fingerprint.StandardOutput.Trim().Split('=')[1];
    }
}
