using System.Diagnostics;
using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Server;

/// <summary>What attackers and broken devices send, against the real daemon; it must refuse and keep serving.</summary>
public sealed class HostileInputTests
{
    public static TheoryData<string> SmugglingPayloads => new()
    {
        "Subject: a\r\n\r\nbody\n.\nMAIL FROM:<x@evil.test>\r\n.\r\n",
        "Subject: a\r\n\r\nbody\r\n.\nRCPT TO:<x@evil.test>\r\n.\r\n",
        "Subject: a\r\n\r\nbody\n.\r\nDATA\r\n.\r\n",
        "Subject: a\r\n\r\nbody\r.\r\nDATA\r\n.\r\n",
        "Subject: a\r\n\r\nbare\nline feed\r\n.\r\n",
        "Subject: a\r\n\r\nbare\rcarriage return\r\n.\r\n",
    };

    [Theory]
    [MemberData(nameof(SmugglingPayloads))]
    public async Task SmugglingPayloadsAreRefusedAndNothingIsQueued(string payload)
    {
        await using var relay = await RelayboxInstance.StartAsync();
        await using var client = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO printer.lan");
        await client.CommandAsync("MAIL FROM:<printer@relay.test>");
        await client.CommandAsync("RCPT TO:<owner@example.net>");
        Assert.Equal(354, (await client.CommandAsync("DATA")).Code);

        await client.SendAsync(payload);
        var reply = await client.ReadReplyAsync();

        Assert.Equal(5, reply.Code / 100);
        Assert.Empty(QueueContents.All(relay));
        Assert.Equal(250, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task OversizeMessageGets552AndTheSessionGoesOn()
    {
        var settings = new RelayboxSettings().Set("server.message_size_limit", "10000");
        await using var relay = await RelayboxInstance.StartAsync(settings);
        await using var client = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await client.ReadReplyAsync();
        var ehlo = await client.CommandAsync("EHLO printer.lan");
        Assert.Contains("250-SIZE 10000", ehlo.Text);
        Assert.Equal(552, (await client.CommandAsync("MAIL FROM:<printer@relay.test> SIZE=20000")).Code);

        await client.CommandAsync("MAIL FROM:<printer@relay.test>");
        await client.CommandAsync("RCPT TO:<owner@example.net>");
        await client.CommandAsync("DATA");
        await client.SendAsync("Subject: big\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 998) + "\r\n", 30)) + ".\r\n");
        var reply = await client.ReadReplyAsync();

        Assert.StartsWith("552 5.3.4", reply.Text);
        Assert.Empty(QueueContents.All(relay));
        await client.CommandAsync("MAIL FROM:<printer@relay.test>");
        await client.CommandAsync("RCPT TO:<owner@example.net>");
        await client.CommandAsync("DATA");
        await client.SendAsync("Subject: small\r\n\r\nok\r\n.\r\n");
        Assert.Equal(250, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task OverlongCommandLineIsRefusedAndTheSessionGoesOn()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        await using var client = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await client.ReadReplyAsync();

        var reply = await client.CommandAsync("NOOP " + new string('a', 100_000));

        Assert.StartsWith("500 5.5.2", reply.Text);
        Assert.Equal(250, (await client.CommandAsync("EHLO printer.lan")).Code);
    }

    [Fact]
    public async Task PipelinedTransactionsAreAnsweredInOrder()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        await using var client = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await client.ReadReplyAsync();
        var ehlo = await client.CommandAsync("EHLO printer.lan");
        Assert.True(ehlo.HasKeyword("PIPELINING"), ehlo.Text);

        await client.SendAsync(
            "MAIL FROM:<a@relay.test>\r\nRCPT TO:<one@example.net>\r\nRCPT TO:<two@example.net>\r\nDATA\r\n");
        int[] codes = [(await client.ReadReplyAsync()).Code, (await client.ReadReplyAsync()).Code,
            (await client.ReadReplyAsync()).Code, (await client.ReadReplyAsync()).Code];
        await client.SendAsync("Subject: 1\r\n\r\none\r\n.\r\nMAIL FROM:<b@relay.test>\r\nRCPT TO:<three@example.net>\r\nDATA\r\n");
        int[] second = [(await client.ReadReplyAsync()).Code, (await client.ReadReplyAsync()).Code,
            (await client.ReadReplyAsync()).Code, (await client.ReadReplyAsync()).Code];
        await client.SendAsync("Subject: 2\r\n\r\ntwo\r\n.\r\nQUIT\r\n");
        int[] third = [(await client.ReadReplyAsync()).Code, (await client.ReadReplyAsync()).Code];

        Assert.Equal([250, 250, 250, 354], codes);
        Assert.Equal([250, 250, 250, 354], second);
        Assert.Equal([250, 221], third);
        Assert.Equal(2, QueueContents.All(relay).Count);
    }

    public static TheoryData<string> RelayTricks => new()
    {
        "<user%example.net@relay.test>",
        "<example.net!user@relay.test>",
        "<\"user@example.net\"@relay.test>",
        "<\"user%example.net\"@relay.test>",
        "<@relay.test:user@example.net>",
        "<user@example.net.>",
        "<user@EXAMPLE.NET>",
        "<user@[127.0.0.1]>",
        "<user@[IPv6:::1]>",
        "<user@example.net@relay.test>",
        "<user@relay.test.example.net>",
    };

    [Theory]
    [MemberData(nameof(RelayTricks))]
    public async Task AddressTricksDoNotOpenTheRelay(string recipient)
    {
        var settings = new RelayboxSettings().Set("server.mynetworks", "192.0.2.0/24");
        await using var relay = await RelayboxInstance.StartAsync(settings);
        await using var client = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO outsider.example");
        await client.CommandAsync("MAIL FROM:<spammer@example.org>");

        var reply = await client.CommandAsync("RCPT TO:" + recipient);

        Assert.NotEqual(2, reply.Code / 100);
        Assert.Equal(250, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task RepeatedWrongPasswordsAreSlowedDownAndTheServerStillAnswers()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, ("scanner", "Scan-Pass-2026"));
        var timings = new List<TimeSpan>();
        for (int attempt = 0; attempt < 5; attempt++)
        {
            await using var client = await RawSmtpClient.ConnectAsync(relay.SmtpsPort, implicitTls: true, source: "127.0.0.3");
            await client.ReadReplyAsync();
            await client.CommandAsync("EHLO attacker.example");
            var clock = Stopwatch.StartNew();
            var reply = await client.CommandAsync("AUTH PLAIN " + Convert.ToBase64String("\0scanner\0guess"u8.ToArray()));
            timings.Add(clock.Elapsed);
            Assert.Equal(535, reply.Code);
        }

        // The first failure is answered at once, the fifth after the throttle's delay (a second or more): compared with
        // each other, so a slow machine that makes every answer late does not change the verdict.
        Assert.True(timings[^1] >= TimeSpan.FromMilliseconds(900), string.Join(", ", timings));
        Assert.True(timings[^1] - timings[0] >= TimeSpan.FromMilliseconds(900), string.Join(", ", timings));

        // A legitimate device from another address is not held up by the attacker's failures.
        await using var device = await RawSmtpClient.ConnectAsync(relay.SmtpsPort, implicitTls: true);
        await device.ReadReplyAsync();
        await device.CommandAsync("EHLO printer.lan");
        var ok = await device.CommandAsync("AUTH PLAIN " + Convert.ToBase64String("\0scanner\0Scan-Pass-2026"u8.ToArray()));
        Assert.Equal(235, ok.Code); // not locked out; a success is never delayed by the throttle
    }

    [Fact]
    public async Task BytesPipelinedAfterStartTlsAreDiscarded()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        await using var client = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO printer.lan");

        await client.SendAsync("STARTTLS\r\nHELP\r\n");
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        await client.HandshakeAsync();
        var afterTls = await client.CommandAsync("NOOP");

        Assert.Equal(250, afterTls.Code);
        Assert.Equal(503, (await client.CommandAsync("STARTTLS")).Code);
    }

    [Fact]
    public async Task Tls11IsRefusedByDefaultWhileTls12Works()
    {
        await using var relay = await RelayboxInstance.StartAsync();

        // SECLEVEL=0 lets the client offer TLS 1.1 at all, so a refusal comes from the server.
        var old = await ExternalTool.RunAsync("openssl",
            ["s_client", "-crlf", "-ign_eof", "-connect", $"127.0.0.1:{relay.SmtpsPort}", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"], "QUIT\n");
        var current = await ExternalTool.RunAsync("openssl",
            ["s_client", "-crlf", "-ign_eof", "-connect", $"127.0.0.1:{relay.SmtpsPort}", "-tls1_2"], "QUIT\n");

        Assert.DoesNotContain("220 relay.test", old.StandardOutput);
        Assert.Contains("220 relay.test", current.StandardOutput);
    }
}
