using System.Diagnostics;
using System.Net;
using System.Text;
using Relaybox.Integration.Tests.Harness;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Tests.Delivery.Dns;
using Xunit.Abstractions;

namespace Relaybox.Integration.Tests.Delivery;

/// <summary>
/// The daemon delivering without a relayhost, straight to each domain's MX hosts: name servers set with
/// <c>[relay] dns_servers</c> (a dnsmasq on loopback, or a scripted zone that fails on demand) whose MX records point
/// at aiosmtpd sinks and dead hosts on 127.0.25.x:25 (see <see cref="MxHosts"/>; each test has its own addresses).
/// The tests with unanswering MX hosts run again in a network namespace of their own (<see cref="PrivateNetwork"/>),
/// where connects time out after about 3 s rather than relaybox's 30 s.
/// </summary>
public sealed class MxDeliveryTests(ITestOutputHelper output)
{
    private const string Admin = "admin@sender.test";

    [Fact]
    public async Task MailSkipsAnMxThatRefusesAndArrivesAtTheNextByteForByte()
    {
        var clock = Stopwatch.StartNew();
        MxHosts.EnsurePortFree(MxHosts.Address(10)); // mx1: nothing listens, so the connection is refused
        await using var sink = await MxHosts.StartSinkAsync(11);
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=example.test,mx1.example.test,10",
            "--mx-host=example.test,mx2.example.test,20",
            "--host-record=mx1.example.test,127.0.25.10",
            "--host-record=mx2.example.test,127.0.25.11");
        await using var relay = await RelayboxInstance.StartAsync(MxMode(dns.EndPoint));
        byte[] content = DeliveryTestSetup.Message("by-mx", "user@example.test");

        string id = await DeliveryTestSetup.SubmitAsync(relay, content, recipients: "user@example.test");
        var received = Assert.Single(await sink.WaitForAsync(1));

        Assert.Equal(content, DeliveryTestSetup.WithoutReceived(received.Content));
        Assert.Equal(Swaks.Sender, received.MailFrom);
        Assert.Equal(["user@example.test"], received.Recipients);
        await DeliveryTestSetup.WaitForEmptyQueueAsync(relay);
        Assert.True(await relay.WaitForLogAsync($"{id}: delivered to user@example.test via mx2.example.test"), relay.Log);
        Assert.DoesNotContain($"{id}: deferred", relay.Log, StringComparison.Ordinal);
        output.WriteLine($"delivered in {clock.Elapsed.TotalSeconds:0.0} s\n{relay.Log}");
    }

    [Fact]
    public async Task MailToANullMxDomainBouncesToTheSendersMxAndLeavesTheQueue()
    {
        var clock = Stopwatch.StartNew();
        await using var senderMx = await MxHosts.StartSinkAsync(21);
        using var dns = await DnsmasqServer.StartAsync(
            "--dns-rr=nomail.test,15,000000", // MX 0 "." (RFC 7505)
            "--host-record=nomail.test,127.0.25.20", // a trap: taken as an implicit MX, the mail would be deferred, not bounced
            "--mx-host=sender.test,mx.sender.test,10",
            "--host-record=mx.sender.test,127.0.25.21");
        await using var relay = await RelayboxInstance.StartAsync(MxMode(dns.EndPoint));

        string id = await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("null-mx", "user@nomail.test"),
            "dev@sender.test", "user@nomail.test");
        var bounce = Assert.Single(await senderMx.WaitForAsync(1));

        Assert.Equal("<>", bounce.MailFrom); // aiosmtpd's spelling of the null reverse-path
        Assert.Equal(["dev@sender.test"], bounce.Recipients);
        string text = Encoding.UTF8.GetString(bounce.Content);
        Assert.Contains("multipart/report; report-type=delivery-status", text, StringComparison.Ordinal);
        Assert.Contains("Final-Recipient: rfc822; user@nomail.test", text, StringComparison.Ordinal);
        Assert.Contains("Action: failed", text, StringComparison.Ordinal);
        Assert.Contains("Status: 5.1.10", text, StringComparison.Ordinal); // RFC 7505 section 4.2
        Assert.DoesNotContain("reply from the receiving server", text, StringComparison.Ordinal); // no server replied: DNS said it
        await DeliveryTestSetup.WaitForEmptyQueueAsync(relay);
        Assert.True(await relay.WaitForLogAsync($"{id}: failed for user@nomail.test"), relay.Log);
        output.WriteLine($"bounced in {clock.Elapsed.TotalSeconds:0.0} s\n{text}\n{relay.Log}");
    }

    [Fact]
    public async Task MailWhoseMxHostsAllTimeOutGoesThroughTheFallbackRelay()
    {
        if (!PrivateNetwork.Inside)
        {
            await PrivateNetwork.RunInsideAsync<MxDeliveryTests>(output); // where connects time out after 3 s, not 30
            return;
        }

        var clock = Stopwatch.StartNew();
        using var blackhole = MxHosts.Blackhole(31);
        await using var fallback = await UpstreamSink.StartAsync();
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=blocked.test,mx.blocked.test,10",
            "--host-record=mx.blocked.test,127.0.25.31");
        var settings = MxMode(dns.EndPoint)
            .Set("relay.fallback_relay", fallback.Relayhost)
            .Set("relay.tls_security_level", "none");
        await using var relay = await RelayboxInstance.StartAsync(settings);
        byte[] content = DeliveryTestSetup.Message("blocked", "user@blocked.test");

        string id = await DeliveryTestSetup.SubmitAsync(relay, content, recipients: "user@blocked.test");
        var received = Assert.Single(await fallback.WaitForAsync(1));

        Assert.Equal(content, DeliveryTestSetup.WithoutReceived(received.Content));
        Assert.Equal(["user@blocked.test"], received.Recipients);
        await DeliveryTestSetup.WaitForEmptyQueueAsync(relay);
        Assert.True(await relay.WaitForLogAsync($"{id}: delivered to user@blocked.test via 127.0.0.1: 250"), relay.Log);
        Assert.True(await relay.WaitForLogAsync($"{id}: port 25 blocked towards every MX of blocked.test"), relay.Log);
        Assert.DoesNotContain($"{id}: deferred", relay.Log, StringComparison.Ordinal);
        output.WriteLine($"delivered through the fallback in {clock.Elapsed.TotalSeconds:0.0} s");

        // The block is remembered (10 minutes): the next message goes straight to the fallback, even though the MX
        // host now answers, instead of waiting out another connect timeout first.
        blackhole.Dispose();
        await using var mx = await MxHosts.StartSinkAsync(31);
        await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("still-blocked", "user@blocked.test"), recipients: "user@blocked.test");
        Assert.Equal(2, (await fallback.WaitForAsync(2)).Count);
        await DeliveryTestSetup.WaitForEmptyQueueAsync(relay);
        Assert.Empty(mx.Received());
        output.WriteLine($"second message through the fallback at {clock.Elapsed.TotalSeconds:0.0} s\n{relay.Log}");
    }

    [Fact]
    public async Task MailGoesToTheMxAndNotTheFallbackRelayWhenTheMxAnswers()
    {
        await using var mx = await MxHosts.StartSinkAsync(61);
        await using var fallback = await UpstreamSink.StartAsync();
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=open.test,mx.open.test,10",
            "--host-record=mx.open.test,127.0.25.61");
        var settings = MxMode(dns.EndPoint)
            .Set("relay.fallback_relay", fallback.Relayhost)
            .Set("relay.tls_security_level", "none");
        await using var relay = await RelayboxInstance.StartAsync(settings);

        string id = await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("open", "user@open.test"), recipients: "user@open.test");
        Assert.Single(await mx.WaitForAsync(1));

        await DeliveryTestSetup.WaitForEmptyQueueAsync(relay);
        Assert.Empty(fallback.Received());
        Assert.True(await relay.WaitForLogAsync($"{id}: delivered to user@open.test via mx.open.test"), relay.Log);
    }

    [Fact]
    public async Task MailWhoseMxHostsAllTimeOutWithoutAFallbackWaitsInTheQueueWithTheTimeoutAsReason()
    {
        if (!PrivateNetwork.Inside)
        {
            await PrivateNetwork.RunInsideAsync<MxDeliveryTests>(output);
            return;
        }

        var clock = Stopwatch.StartNew();
        using var blackhole1 = MxHosts.Blackhole(51);
        using var blackhole2 = MxHosts.Blackhole(52);
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=blocked.test,mx1.blocked.test,10",
            "--mx-host=blocked.test,mx2.blocked.test,20",
            "--host-record=mx1.blocked.test,127.0.25.51",
            "--host-record=mx2.blocked.test,127.0.25.52");
        await using var relay = await RelayboxInstance.StartAsync(MxMode(dns.EndPoint));

        string id = await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("no-fallback", "user@blocked.test"),
            recipients: "user@blocked.test");
        Assert.True(await relay.WaitForLogAsync($"{id}: 1 recipients deferred", TimeSpan.FromSeconds(20)), relay.Log);

        var list = await relay.CliAsync(["queue", "list"]);
        output.WriteLine($"deferred after {clock.Elapsed.TotalSeconds:0.0} s\n{list}\n{relay.Log}");
        Assert.Contains(id, list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("connect to mx2.blocked.test (127.0.25.52):25: Connection timed out", list.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, DeliveryTestSetup.QueueFileCount(relay));
    }

    [Fact]
    public async Task ATemporaryDnsFailureKeepsMailQueuedWithTheReasonUntilAFlushAfterTheDnsWorks()
    {
        var clock = Stopwatch.StartNew();
        await using var sink = await MxHosts.StartSinkAsync(41);
        var zone = new TestZone(
            DnsRecord.ForMx("later.test", 10, "mx.later.test"),
            DnsRecord.ForAddress("mx.later.test", MxHosts.Address(41)));
        zone.Failing.Add("later.test"); // SERVFAIL, as when the domain's name servers are unreachable
        using var dns = new ScriptedDnsServer(zone);
        await using var relay = await RelayboxInstance.StartAsync(MxMode(dns.EndPoint));

        string id = await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("dns-later", "user@later.test"),
            recipients: "user@later.test");
        Assert.True(await relay.WaitForLogAsync($"{id}: 1 recipients deferred", TimeSpan.FromSeconds(20)), relay.Log);

        var list = await relay.CliAsync(["queue", "list"]);
        output.WriteLine($"deferred after {clock.Elapsed.TotalSeconds:0.0} s\n{list}");
        Assert.Contains(id, list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("4.4.3", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("later.test", list.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(sink.Received());
        Assert.Equal(1, DeliveryTestSetup.QueueFileCount(relay));

        zone.Failing.Remove("later.test"); // no query is in flight: the message waits for its next attempt
        var flush = await relay.CliAsync(["queue", "flush"]);
        Assert.True(flush.ExitCode == 0, flush.ToString());
        var received = Assert.Single(await sink.WaitForAsync(1));

        Assert.Equal(["user@later.test"], received.Recipients);
        await DeliveryTestSetup.WaitForEmptyQueueAsync(relay);
        output.WriteLine($"delivered after the flush in {clock.Elapsed.TotalSeconds:0.0} s\n{relay.Log}");
    }

    /// <summary>No relayhost: delivery to each domain's MX, asking only <paramref name="dns"/>.</summary>
    private static RelayboxSettings MxMode(IPEndPoint dns) => new RelayboxSettings()
        .Set("queue.deliver", "yes")
        .Set("queue.min_backoff", "10s")
        .Set("relay.dns_servers", $"{dns.Address}:{dns.Port}")
        .Set("rewrite.admin", Admin);
}
