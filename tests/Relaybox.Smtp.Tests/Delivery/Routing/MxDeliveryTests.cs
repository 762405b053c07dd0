using System.Diagnostics;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Tests.Delivery.Dns;
using static Relaybox.Smtp.Tests.Delivery.Routing.RoutingFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>
/// MX delivery end to end on loopback: a real DNS server (dnsmasq) whose MX records point at 127.0.0.x, where the
/// tests run SMTP servers, leave ports closed (refused) or hold blackholes (connections time out).
/// </summary>
public sealed class MxDeliveryTests
{
    [Fact]
    public async Task MailGoesToTheSecondMxWhenTheFirstRefusesConnections()
    {
        var refusing = LoopbackPorts.Address(2);
        var accepting = LoopbackPorts.Address(3);
        int port = LoopbackPorts.FreeOn(refusing, accepting);
        using var server = new LoopbackSmtpServer(accepting, port);
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=example.test,mx1.example.test,10",
            "--mx-host=example.test,mx2.example.test,20",
            "--host-record=mx1.example.test,127.0.0.2",
            "--host-record=mx2.example.test,127.0.0.3");
        var router = Router(MxOptions(port), dns.EndPoint);

        RouteAttempt attempt = await router.DeliverAsync("example.test", Message("owner@example.test", "kid@example.test"), CancellationToken.None);

        Assert.All(attempt.Result.Recipients, r => Assert.Equal(RecipientOutcome.Delivered, r.Outcome));
        Assert.Equal("mx2.example.test", attempt.RemoteHost);
        Assert.Equal(RouteCondition.Healthy, attempt.Condition);
        var message = Assert.Single(server.Messages);
        Assert.Equal(["owner@example.test", "kid@example.test"], message.Recipients);
        Assert.Equal(Content, message.Content);
    }

    [Fact]
    public async Task NullMxFailsEveryRecipientPermanentlyWithoutContactingAnyone()
    {
        // RDATA 00 00 00: preference 0, exchange "." (RFC 7505 section 3).
        using var dns = await DnsmasqServer.StartAsync("--dns-rr=nomail.test,15,000000", "--host-record=nomail.test,127.0.0.6");
        int port = LoopbackPorts.FreeOn(LoopbackPorts.Address(6));
        using var server = new LoopbackSmtpServer(LoopbackPorts.Address(6), port);
        var router = Router(MxOptions(port), dns.EndPoint);

        RouteAttempt attempt = await router.DeliverAsync("nomail.test", Message("a@nomail.test", "b@nomail.test"), CancellationToken.None);

        Assert.Equal(2, attempt.Result.Recipients.Count);
        Assert.All(attempt.Result.Recipients, r =>
        {
            Assert.Equal(RecipientOutcome.Failed, r.Outcome);
            Assert.Null(r.Reply);
            Assert.StartsWith("5.1.10 ", r.Detail);
            Assert.Contains("RFC 7505", r.Detail);
        });
        Assert.Null(attempt.RemoteHost);
        Assert.Equal(RouteCondition.Unknown, attempt.Condition);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task UnknownDomainFailsEveryRecipientWith512()
    {
        using var dns = await DnsmasqServer.StartAsync("--host-record=other.test,127.0.0.6");
        var router = Router(MxOptions(LoopbackPorts.FreeOn(LoopbackPorts.Address(6))), dns.EndPoint);

        RouteAttempt attempt = await router.DeliverAsync("nowhere.test", Message("a@nowhere.test"), CancellationToken.None);

        var recipient = Assert.Single(attempt.Result.Recipients);
        Assert.Equal(RecipientOutcome.Failed, recipient.Outcome);
        Assert.StartsWith("5.1.2 ", recipient.Detail);
        Assert.Null(attempt.RemoteHost);
    }

    [Fact]
    public async Task TimeoutsAtEveryMxAreReportedAsABlockedPortAndTheFallbackRelayhostDelivers()
    {
        var first = LoopbackPorts.Address(4);
        var second = LoopbackPorts.Address(5);
        int port = LoopbackPorts.FreeOn(first, second);
        using var blackhole1 = new BlackholeListener(first, port);
        using var blackhole2 = new BlackholeListener(second, port);
        using var fallback = new LoopbackSmtpServer(LoopbackPorts.Address(1), 0);
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=blocked.test,mx1.blocked.test,10",
            "--mx-host=blocked.test,mx2.blocked.test,20",
            "--host-record=mx1.blocked.test,127.0.0.4",
            "--host-record=mx2.blocked.test,127.0.0.5");
        var relay = new Relayhost("127.0.0.1", fallback.EndPoint.Port) { Tls = new TlsPolicy { Level = TlsSecurityLevel.None } };
        var router = Router(MxOptions(port) with { FallbackRelay = relay, ConnectTimeout = ShortConnectTimeout }, dns.EndPoint);

        var clock = Stopwatch.StartNew();
        RouteAttempt attempt = await router.DeliverAsync("blocked.test", Message("friend@blocked.test"), CancellationToken.None);

        AssertDelivered(attempt);
        Assert.Equal(RouteCondition.OutboundPortBlocked, attempt.Condition);
        Assert.Equal($"port {port} blocked towards every MX of blocked.test; delivered through fallback [127.0.0.1]:{fallback.EndPoint.Port}", attempt.ConditionDetail);
        Assert.Equal("127.0.0.1", attempt.RemoteHost);
        Assert.Equal(["friend@blocked.test"], Assert.Single(fallback.Messages).Recipients);
        // Both MX addresses were waited for (one connect timeout each) before the fallback was used.
        Assert.True(clock.Elapsed >= 2 * ShortConnectTimeout - TimeSpan.FromMilliseconds(100), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task TimeoutsAtEveryMxWithoutAFallbackDeferWithABlockedPortCondition()
    {
        var address = LoopbackPorts.Address(4);
        int port = LoopbackPorts.FreeOn(address);
        using var blackhole = new BlackholeListener(address, port);
        using var dns = await DnsmasqServer.StartAsync("--mx-host=blocked.test,mx.blocked.test,10", "--host-record=mx.blocked.test,127.0.0.4");
        var router = Router(MxOptions(port) with { ConnectTimeout = ShortConnectTimeout }, dns.EndPoint);

        RouteAttempt attempt = await router.DeliverAsync("blocked.test", Message("friend@blocked.test"), CancellationToken.None);

        var recipient = Assert.Single(attempt.Result.Recipients);
        Assert.Equal(RecipientOutcome.Deferred, recipient.Outcome);
        Assert.Equal(RouteCondition.OutboundPortBlocked, attempt.Condition);
        Assert.Contains($"port {port} blocked towards every MX of blocked.test", attempt.ConditionDetail);
        Assert.Null(attempt.RemoteHost);
    }

    [Fact]
    public async Task ARefusingMxBesideATimingOutOneIsNotABlockedPort()
    {
        var silent = LoopbackPorts.Address(4);
        var refusing = LoopbackPorts.Address(7);
        int port = LoopbackPorts.FreeOn(silent, refusing);
        using var blackhole = new BlackholeListener(silent, port);
        using var fallback = new LoopbackSmtpServer(LoopbackPorts.Address(1), 0);
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=half.test,mx1.half.test,10",
            "--mx-host=half.test,mx2.half.test,20",
            "--host-record=mx1.half.test,127.0.0.4",
            "--host-record=mx2.half.test,127.0.0.7");
        var relay = new Relayhost("127.0.0.1", fallback.EndPoint.Port) { Tls = new TlsPolicy { Level = TlsSecurityLevel.None } };
        var router = Router(MxOptions(port) with { FallbackRelay = relay, ConnectTimeout = ShortConnectTimeout }, dns.EndPoint);

        RouteAttempt attempt = await router.DeliverAsync("half.test", Message("friend@half.test"), CancellationToken.None);

        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(attempt.Result.Recipients).Outcome);
        Assert.Equal(RouteCondition.Unknown, attempt.Condition);
        Assert.Equal(0, fallback.Connections);
    }
}
