using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Interop;

/// <summary>msmtp (GNU SASL), Python's smtplib and curl, each as a user would configure it.</summary>
public sealed class OtherClientTests
{
    private const string Login = "nas";
    private const string Password = "Nas-Backup-Report-7";

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task MsmtpAuthenticatesWithScramSha256OverStartTls()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));
        string accounts = Path.Combine(relay.Root, "msmtprc");
        File.WriteAllText(accounts, $"""
            defaults
            tls on
            tls_starttls on
            tls_certcheck off
            account relay
            host 127.0.0.1
            port {relay.SubmissionPort}
            from backup@nas.lan
            auth scram-sha-256
            user {Login}
            password {Password}
            account default : relay
            """);
        File.SetUnixFileMode(accounts, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await ExternalTool.RunAsync("msmtp", ["-C", accounts, "-v", "owner@example.net"],
            "Subject: nightly backup\r\n\r\nbackup finished\r\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("AUTH SCRAM-SHA-256", result.Output);
        Assert.Contains("250 2.0.0 Ok: queued as", result.Output);
        var message = Assert.Single(QueueContents.All(relay));
        Assert.Equal("backup@nas.lan", message.Envelope.ReversePath);
        Assert.Contains("backup finished", message.Content);
    }

    [Fact]
    public async Task PythonSmtplibSubmitsWithStartTlsAndLogin()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));
        string script = $$"""
            import smtplib, ssl
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            with smtplib.SMTP("127.0.0.1", {{relay.SubmissionPort}}, timeout=20) as s:
                s.ehlo("cron.lan")
                s.starttls(context=context)
                s.ehlo("cron.lan")
                s.login("{{Login}}", "{{Password}}")
                refused = s.sendmail("cron@cron.lan", ["owner@example.net", "second@example.net"],
                                     b"Subject: cron\r\n\r\ndisk 91% full\r\n")
                print("refused", refused)
                print("last", s.noop())
            """;

        var result = await ExternalTool.RunAsync("/usr/bin/python3", ["-c", script]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("refused {}", result.StandardOutput);
        var message = Assert.Single(QueueContents.All(relay));
        Assert.Equal(["owner@example.net", "second@example.net"], message.Envelope.Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task CurlSubmitsOverImplicitTls()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));
        string body = Path.Combine(relay.Root, "mail.txt");
        File.WriteAllText(body, "From: camera@cam.lan\r\nSubject: motion\r\n\r\nmotion detected at the door\r\n");

        var result = await ExternalTool.RunAsync("curl",
        [
            "--silent", "--show-error", "--insecure", "--max-time", "20",
            $"smtps://127.0.0.1:{relay.SmtpsPort}", "--user", $"{Login}:{Password}",
            "--mail-from", "camera@cam.lan", "--mail-rcpt", "owner@example.net", "--upload-file", body,
        ]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var message = Assert.Single(QueueContents.All(relay));
        Assert.Contains("motion detected at the door", message.Content);
    }

    [Fact]
    public async Task CurlWithRequiredTlsUpgradesOnPort25()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        string body = Path.Combine(relay.Root, "mail.txt");
        File.WriteAllText(body, "Subject: ups\r\n\r\non battery\r\n");

        var result = await ExternalTool.RunAsync("curl",
        [
            "--silent", "--show-error", "--insecure", "--ssl-reqd", "--max-time", "20",
            $"smtp://127.0.0.1:{relay.SmtpPort}", "--mail-from", "ups@ups.lan", "--mail-rcpt", "owner@example.net",
            "--upload-file", body,
        ]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var message = Assert.Single(QueueContents.All(relay));
        Assert.Contains("with ESMTPS", message.Content);
    }
}
