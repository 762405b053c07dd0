using System.Diagnostics;
using System.Text;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>
/// Clients nobody here wrote (Python's smtplib, swaks, curl) against the real listener: STARTTLS, implicit TLS,
/// AUTH PLAIN, pipelining, CHUNKING. A missing tool fails the test: it is part of the build environment.
/// </summary>
public class RealClientInteropTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task PythonSmtplibSendsOverStartTlsWithAuthPlain()
    {
        await using var server = await LoopbackServer.StartAsync(TestServers.Settings(withCertificate: true));
        string script = $$"""
            import smtplib, ssl
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            with smtplib.SMTP("127.0.0.1", {{server.Port(SmtpSessionKind.Submission)}}, timeout=20) as s:
                s.starttls(context=context)
                s.login("alice", "secret")
                s.sendmail("alice@example.org", ["bob@example.net", "carol@example.net"], "Subject: py\r\n\r\n.leading dot\r\nend\r\n")
            """;
        var (exit, output) = await RunAsync("python3", "-c", script);
        Assert.True(exit == 0, output);
        var (envelope, content) = Assert.Single(server.Spool.Committed);
        Assert.Equal(["bob@example.net", "carol@example.net"], envelope.Recipients.Select(r => r.Address));
        Assert.Equal("alice", envelope.AuthenticatedLogin);
        Assert.EndsWith("Subject: py\r\n\r\n.leading dot\r\nend\r\n", Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task SwaksSendsOverImplicitTlsWithPipelining()
    {
        await using var server = await LoopbackServer.StartAsync(TestServers.Settings(withCertificate: true));
        var (exit, output) = await RunAsync(
            "swaks", "--server", "127.0.0.1", "--port", server.Port(SmtpSessionKind.Smtps).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tlsc", "--pipeline", "--auth", "PLAIN", "--auth-user", "alice", "--auth-password", "secret",
            "--from", "alice@example.org", "--to", "bob@example.net", "--body", "swaks body", "--timeout", "20");
        Assert.True(exit == 0, output);
        Assert.Contains("ESMTPSA", Encoding.UTF8.GetString(Assert.Single(server.Spool.Committed).Content));
    }

    [Fact]
    public async Task CurlSendsToPlainPort25FromMyNetworks()
    {
        await using var server = await LoopbackServer.StartAsync(TestServers.Settings());
        string mail = Path.GetTempFileName();
        await File.WriteAllTextAsync(mail, "Subject: curl\r\n\r\nfrom curl\r\n");
        try
        {
            var (exit, output) = await RunAsync(
                "curl", "--silent", "--show-error", "--max-time", "20", "--url", $"smtp://127.0.0.1:{server.Port(SmtpSessionKind.Smtp)}",
                "--mail-from", "printer@lan.test", "--mail-rcpt", "admin@example.net", "--upload-file", mail);
            Assert.True(exit == 0, output);
        }
        finally
        {
            File.Delete(mail);
        }

        var (envelope, content) = Assert.Single(server.Spool.Committed);
        Assert.Equal("printer@lan.test", envelope.ReversePath);
        Assert.EndsWith("from curl\r\n", Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task MsmtpSendsOverStartTlsWithAuthPlain()
    {
        await using var server = await LoopbackServer.StartAsync(TestServers.Settings(withCertificate: true));
        string mail = Path.GetTempFileName();
        await File.WriteAllTextAsync(mail, "Subject: msmtp\n\nline one\n.line two\n");
        try
        {
            string port = server.Port(SmtpSessionKind.Submission).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (exit, output) = await RunAsync(
                "sh", "-c",
                $"msmtp --host=127.0.0.1 --port={port} --tls=on --tls-starttls=on --tls-certcheck=off --auth=plain " +
                $"--user=alice --passwordeval='echo secret' --from=alice@example.org bob@example.net < '{mail}'");
            Assert.True(exit == 0, output);
        }
        finally
        {
            File.Delete(mail);
        }

        var (envelope, content) = Assert.Single(server.Spool.Committed);
        Assert.Equal("alice", envelope.AuthenticatedLogin);
        Assert.EndsWith("line one\r\n.line two\r\n", Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task OpensslStartTlsClientSeesAuthOnlyInsideTls()
    {
        await using var server = await LoopbackServer.StartAsync(TestServers.Settings(withCertificate: true));
        string port = server.Port(SmtpSessionKind.Smtp).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exit, output) = await RunAsync(
            "sh", "-c", $"printf 'EHLO openssl.test\\nQUIT\\n' | openssl s_client -starttls smtp -connect 127.0.0.1:{port} -crlf -quiet");
        Assert.True(exit == 0, output);
        Assert.Contains("250-AUTH PLAIN", output);
        Assert.Contains("221 2.0.0 Bye", output);
    }
}
