using System.Text;
using Relaybox.Integration.Tests.Delivery;
using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Cli;

/// <summary>relaybox send-test: a test message through the real delivery path to an aiosmtpd smarthost.</summary>
public sealed class SendTestCommandTests
{
    [Fact]
    public async Task ATestMessageToTheAdminReachesTheSmarthostAndIsReportedDelivered()
    {
        await using var sink = await UpstreamSink.StartAsync();
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink));

        var sent = await relay.CliAsync(["send-test", "--wait", "20"]);
        var received = await sink.WaitForAsync(1);

        Assert.True(sent.ExitCode == 0, sent + "\n" + relay.Log);
        Assert.Contains("delivered", sent.StandardOutput);
        var message = Assert.Single(received);
        Assert.Equal([DeliveryTestSetup.Admin], message.Recipients);
        Assert.Equal(DeliveryTestSetup.Admin, message.MailFrom);
        string text = Encoding.UTF8.GetString(message.Content);
        Assert.Contains("Subject: relaybox test message", text);
        Assert.Contains("Message-ID: <", text);
        Assert.Contains("relaybox on relay.test", text);
    }

    [Fact]
    public async Task ADeferredTestMessageReportsTheSmarthostsReplyAndExitsOne()
    {
        await using var sink = await UpstreamSink.StartAsync();
        sink.ReplyTo("carol@example.net", "451 4.2.2 mailbox busy");
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink));

        var sent = await relay.CliAsync(["send-test", "carol@example.net", "--wait", "20"]);
        var status = await relay.CliAsync(["status"]);

        Assert.True(sent.ExitCode == 1, sent + "\n" + relay.Log);
        Assert.Contains("451 4.2.2 mailbox busy", sent.StandardOutput);
        Assert.Matches(@"last delivery problem: .* deferred for carol@example\.net via .*: 451 4\.2\.2 mailbox busy", status.StandardOutput);
    }

    [Fact]
    public async Task WithoutAnAddressOrAnAdminItSaysWhichAddressIsMissing()
    {
        await using var relay = await RelayboxInstance.StartAsync();

        var none = await relay.CliAsync(["send-test"]);
        var invalid = await relay.CliAsync(["send-test", "not-an-address"]);

        Assert.Equal(64, none.ExitCode);
        Assert.Contains("which address?", none.StandardError);
        Assert.Equal(64, invalid.ExitCode);
        Assert.Contains("not a mail address", invalid.StandardError);
    }
}
