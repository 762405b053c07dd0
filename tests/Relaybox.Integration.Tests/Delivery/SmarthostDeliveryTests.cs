using System.Text;
using Relaybox.Integration.Tests.Harness;
using Relaybox.Smtp.Tests.Delivery.Client;

namespace Relaybox.Integration.Tests.Delivery;

/// <summary>The daemon delivering through a real smarthost (aiosmtpd): what arrives, retries, bounces, TLS and AUTH.</summary>
public sealed class SmarthostDeliveryTests
{
    [Fact]
    public async Task SubmittedMailReachesTheSmarthostByteForByte()
    {
        await using var sink = await UpstreamSink.StartAsync();
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink));
        byte[] content = DeliveryTestSetup.Message("exact");

        await DeliveryTestSetup.SubmitAsync(relay, content);
        var received = Assert.Single(await sink.WaitForAsync(1));

        Assert.Equal(content, DeliveryTestSetup.WithoutReceived(received.Content));
        Assert.StartsWith("Received: from printer.lan (", Encoding.ASCII.GetString(received.Content), StringComparison.Ordinal);
        Assert.Equal(Swaks.Sender, received.MailFrom);
        Assert.Equal([Swaks.Recipient], received.Recipients);
        await WaitForEmptyQueueAsync(relay);
    }

    [Fact]
    public async Task MailWaitsWhileTheSmarthostIsDownAndGoesWhenItIsBack()
    {
        await using var sink = await UpstreamSink.StartAsync();
        await sink.StopAsync();
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink));

        string id = await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("waiting"));
        Assert.True(await relay.WaitForLogAsync($"{id}: deferred"), relay.Log);
        var list = await relay.CliAsync(["queue", "list"]);
        Assert.Contains(id, list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("last error:", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("refused", list.StandardOutput, StringComparison.OrdinalIgnoreCase);

        await sink.StartAsync();
        var flush = await relay.CliAsync(["queue", "flush"]);
        Assert.True(flush.ExitCode == 0, flush.ToString());
        Assert.Single(await sink.WaitForAsync(1));
        await WaitForEmptyQueueAsync(relay);
    }

    [Fact]
    public async Task APermanentRefusalBouncesToTheSenderAndEmptiesTheQueue()
    {
        await using var sink = await UpstreamSink.StartAsync();
        sink.ReplyTo("nobody@example.net", "550 5.1.1 no such mailbox");
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink));

        await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("refused", "nobody@example.net"), "alice@example.com", "nobody@example.net");
        var bounce = Assert.Single(await sink.WaitForAsync(1));

        Assert.Equal("<>", bounce.MailFrom); // aiosmtpd's spelling of the null reverse-path
        Assert.Equal(["alice@example.com"], bounce.Recipients);
        string text = Encoding.UTF8.GetString(bounce.Content);
        Assert.Contains("multipart/report; report-type=delivery-status", text, StringComparison.Ordinal);
        Assert.Contains("Final-Recipient: rfc822; nobody@example.net", text, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 no such mailbox", text, StringComparison.Ordinal);
        await WaitForEmptyQueueAsync(relay);
    }

    [Fact]
    public async Task ADeviceSendersBounceGoesToTheAdmin()
    {
        await using var sink = await UpstreamSink.StartAsync();
        sink.ReplyTo("nobody@example.net", "550 5.1.1 no such mailbox");
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink));

        await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("device", "nobody@example.net"), "root@nas", "nobody@example.net");
        var bounce = Assert.Single(await sink.WaitForAsync(1));

        Assert.Equal([DeliveryTestSetup.Admin], bounce.Recipients);
        await WaitForEmptyQueueAsync(relay);
    }

    [Fact]
    public async Task OneRecipientDeferredOfThreeIsRetriedAloneAndTheOthersGetOneCopy()
    {
        await using var sink = await UpstreamSink.StartAsync();
        sink.ReplyTo("carol@example.net", "451 4.2.2 mailbox busy");
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink));

        string id = await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("three"),
            recipients: "alice@example.net,bob@example.net,carol@example.net");
        var first = Assert.Single(await sink.WaitForAsync(1));
        Assert.Equal(["alice@example.net", "bob@example.net"], first.Recipients);
        Assert.True(await relay.WaitForLogAsync($"{id}: 1 recipients deferred"), relay.Log);
        var show = await relay.CliAsync(["queue", "show", id]);
        Assert.Contains("carol@example.net  deferred (451", show.StandardOutput, StringComparison.Ordinal);

        sink.ReplyTo("carol@example.net", null);
        await relay.CliAsync(["queue", "flush"]);
        var both = await sink.WaitForAsync(2);
        Assert.Equal(2, both.Count);
        Assert.Equal(["carol@example.net"], both[1].Recipients);
        await WaitForEmptyQueueAsync(relay);
        await Task.Delay(500);
        Assert.Equal(2, sink.Received().Count);
    }

    [Fact]
    public async Task StartTlsAndLoginToTheSmarthostWithAPrivateCa()
    {
        string certificates = Directory.CreateTempSubdirectory("relaybox-upstream-ca-").FullName;
        var files = TestCertificates.Create(certificates);
        await using var sink = await UpstreamSink.StartAsync(files.ChainFile, files.KeyFile, "relay-account", "s3cret pass");
        var settings = DeliveryTestSetup.Through(sink)
            .Set("relay.relayhost", $"[localhost]:{sink.Port}")
            .Set("relay.tls_security_level", "secure")
            .Set("relay.tls_ca_file", files.CaFile)
            .Set("relay.sasl_password_file", Path.Combine(certificates, "relayhost.secret"));
        File.WriteAllText(Path.Combine(certificates, "relayhost.secret"), "relay-account s3cret pass\n");
        File.SetUnixFileMode(Path.Combine(certificates, "relayhost.secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var relay = await RelayboxInstance.StartAsync(settings);

        await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("secured"));
        var received = Assert.Single(await sink.WaitForAsync(1));

        Assert.True(received.Tls);
        Assert.Equal("relay-account", received.Login);
        Assert.DoesNotContain("s3cret", relay.Log, StringComparison.Ordinal);
        Directory.Delete(certificates, recursive: true);
    }

    [Fact]
    public async Task AnUntrustedSmarthostCertificateDefersWithAClearReasonAndSendsNothing()
    {
        string certificates = Directory.CreateTempSubdirectory("relaybox-upstream-ca-").FullName;
        var files = TestCertificates.Create(certificates);
        await using var sink = await UpstreamSink.StartAsync(files.ChainFile, files.KeyFile);
        var settings = DeliveryTestSetup.Through(sink)
            .Set("relay.relayhost", $"[localhost]:{sink.Port}")
            .Set("relay.tls_security_level", "secure");
        await using var relay = await RelayboxInstance.StartAsync(settings);

        string id = await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("untrusted"));
        Assert.True(await relay.WaitForLogAsync($"{id}: deferred"), relay.Log);

        var list = await relay.CliAsync(["queue", "list"]);
        Assert.Contains("certificate", list.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(sink.Received());
        Directory.Delete(certificates, recursive: true);
    }

    [Fact]
    public async Task CronMailToRootReachesTheAdminWithDateAndMessageIdAdded()
    {
        await using var sink = await UpstreamSink.StartAsync();
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink));
        byte[] cron = Encoding.ASCII.GetBytes("From: root\r\nTo: root\r\nSubject: Cron <root@nas> backup\r\n\r\nbackup done\r\n");

        await DeliveryTestSetup.SubmitAsync(relay, cron, "root", "root");
        var received = Assert.Single(await sink.WaitForAsync(1));

        Assert.Equal([DeliveryTestSetup.Admin], received.Recipients);
        string text = Encoding.ASCII.GetString(DeliveryTestSetup.WithoutReceived(received.Content));
        Assert.StartsWith("From: root\r\nTo: root\r\nSubject: Cron <root@nas> backup\r\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\r\nDate: [A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}\r\n", text);
        Assert.Matches(@"\r\nMessage-ID: <[^@>]+@relay\.test>\r\n", text);
        Assert.EndsWith("\r\n\r\nbackup done\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeviceSenderIsRewrittenToTheAddressTheSmarthostAllows()
    {
        await using var sink = await UpstreamSink.StartAsync();
        var settings = DeliveryTestSetup.Through(sink).Set("rewrite.sender_map", "@printer.lan=relay@example.org");
        await using var relay = await RelayboxInstance.StartAsync(settings);
        byte[] scan = Encoding.ASCII.GetBytes("From: \"Office scanner\" <scanner@printer.lan>\r\nTo: bob@example.net\r\n" +
            "Subject: scan\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@printer.lan>\r\n\r\npages attached\r\n");

        await DeliveryTestSetup.SubmitAsync(relay, scan, "scanner@printer.lan", "bob@example.net");
        var received = Assert.Single(await sink.WaitForAsync(1));

        Assert.Equal("relay@example.org", received.MailFrom);
        string text = Encoding.ASCII.GetString(DeliveryTestSetup.WithoutReceived(received.Content));
        Assert.Contains("From: \"Office scanner\" <relay@example.org>\r\n", text, StringComparison.Ordinal);
        Assert.Contains("X-Original-From: \"Office scanner\" <scanner@printer.lan>\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\npages attached\r\n", text, StringComparison.Ordinal);
    }

    private static Task WaitForEmptyQueueAsync(RelayboxInstance relay) => DeliveryTestSetup.WaitForEmptyQueueAsync(relay);
}
