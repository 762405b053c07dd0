using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Tests.Delivery.Dns;
using static Relaybox.Smtp.Tests.Delivery.Routing.RoutingFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>
/// Which MX hosts the router tries, and when it stops: against a scripted DNS zone and SMTP servers on 127.0.0.x
/// that refuse, greet with 421, judge recipients or break the session.
/// </summary>
public sealed class MxHostSelectionTests
{
    private static System.Net.IPAddress At(int last) => LoopbackPorts.Address(last);

    private static TestZone TwoMx(string domain, int first, int second) => new(
        DnsRecord.ForMx(domain, 10, "mx1." + domain),
        DnsRecord.ForMx(domain, 20, "mx2." + domain),
        DnsRecord.ForAddress("mx1." + domain, At(first)),
        DnsRecord.ForAddress("mx2." + domain, At(second)));

    [Fact]
    public async Task AGreetingOf421SendsTheMailToTheNextMx()
    {
        int port = LoopbackPorts.FreeOn(At(10), At(11));
        using var busy = new LoopbackSmtpServer(At(10), port) { Greeting = "421 4.3.2 too busy" };
        using var good = new LoopbackSmtpServer(At(11), port);
        using var dns = new ScriptedDnsServer(TwoMx("busy.test", 10, 11));

        RouteAttempt attempt = await Router(MxOptions(port), dns.EndPoint).DeliverAsync("busy.test", Message("x@busy.test"), CancellationToken.None);

        AssertDelivered(attempt);
        Assert.Equal("mx2.busy.test", attempt.RemoteHost);
        Assert.Equal(1, busy.Connections);
        Assert.Single(good.Messages);
    }

    [Fact]
    public async Task AnMxThatJudgesTheRecipientsEndsTheAttemptEvenWhenItRefusesThem()
    {
        int port = LoopbackPorts.FreeOn(At(12), At(13));
        using var judging = new LoopbackSmtpServer(At(12), port);
        judging.RcptReplies["gone@judge.test"] = "550 5.1.1 no such user";
        judging.RcptReplies["later@judge.test"] = "450 4.2.1 mailbox busy";
        using var backup = new LoopbackSmtpServer(At(13), port);
        using var dns = new ScriptedDnsServer(TwoMx("judge.test", 12, 13));

        RouteAttempt attempt = await Router(MxOptions(port), dns.EndPoint)
            .DeliverAsync("judge.test", Message("gone@judge.test", "later@judge.test", "here@judge.test"), CancellationToken.None);

        Assert.Equal([RecipientOutcome.Failed, RecipientOutcome.Deferred, RecipientOutcome.Delivered], attempt.Result.Recipients.Select(r => r.Outcome));
        Assert.Equal("mx1.judge.test", attempt.RemoteHost);
        Assert.Equal(RouteCondition.Healthy, attempt.Condition);
        Assert.Equal(0, backup.Connections);
        Assert.Equal(["here@judge.test"], Assert.Single(judging.Messages).Recipients);
    }

    [Fact]
    public async Task ASessionThatBreaksAfterTheContentWasSentIsNotRepeatedAtTheNextMx()
    {
        // The first MX read the whole message and hung up before its reply: it may have taken the mail.
        int port = LoopbackPorts.FreeOn(At(14), At(15));
        using var dropping = new LoopbackSmtpServer(At(14), port) { DropAfterContent = true };
        using var backup = new LoopbackSmtpServer(At(15), port);
        using var dns = new ScriptedDnsServer(TwoMx("drop.test", 14, 15));

        RouteAttempt attempt = await Router(MxOptions(port), dns.EndPoint).DeliverAsync("drop.test", Message("x@drop.test"), CancellationToken.None);

        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(attempt.Result.Recipients).Outcome);
        Assert.Equal(1, dropping.Connections);
        Assert.Equal(0, backup.Connections);
        Assert.Equal("mx1.drop.test", attempt.RemoteHost);
    }

    [Fact]
    public async Task NoMoreAddressesAreTriedThanTheLimit()
    {
        // Six MX hosts, none listening: the router gives up after MaxAddresses connection attempts.
        var records = new List<DnsRecord>();
        for (int i = 0; i < 6; i++)
        {
            records.Add(DnsRecord.ForMx("many.test", (ushort)(10 + i), $"mx{i}.many.test"));
            records.Add(DnsRecord.ForAddress($"mx{i}.many.test", At(20 + i)));
        }

        int port = LoopbackPorts.FreeOn(Enumerable.Range(20, 7).Select(At).ToArray());
        using var sixth = new LoopbackSmtpServer(At(25), port);
        using var dns = new ScriptedDnsServer(new TestZone([.. records]));

        RouteAttempt attempt = await Router(MxOptions(port) with { MaxAddresses = 5 }, dns.EndPoint)
            .DeliverAsync("many.test", Message("x@many.test"), CancellationToken.None);

        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(attempt.Result.Recipients).Outcome);
        Assert.Equal(0, sixth.Connections);
        Assert.Equal(RouteCondition.Unknown, attempt.Condition);
        Assert.Contains("connection refused", attempt.ConditionDetail);
    }

    [Fact]
    public async Task NoMoreBrokenSessionsAreOpenedThanTheSessionLimit()
    {
        int port = LoopbackPorts.FreeOn(At(30), At(31), At(32));
        using var first = new LoopbackSmtpServer(At(30), port) { Greeting = "421 busy" };
        using var second = new LoopbackSmtpServer(At(31), port) { Greeting = "421 busy" };
        using var third = new LoopbackSmtpServer(At(32), port);
        using var dns = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForMx("busy3.test", 10, "a.busy3.test"),
            DnsRecord.ForMx("busy3.test", 20, "b.busy3.test"),
            DnsRecord.ForMx("busy3.test", 30, "c.busy3.test"),
            DnsRecord.ForAddress("a.busy3.test", At(30)),
            DnsRecord.ForAddress("b.busy3.test", At(31)),
            DnsRecord.ForAddress("c.busy3.test", At(32))));

        RouteAttempt attempt = await Router(MxOptions(port) with { MaxSessions = 2 }, dns.EndPoint)
            .DeliverAsync("busy3.test", Message("x@busy3.test"), CancellationToken.None);

        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(attempt.Result.Recipients).Outcome);
        Assert.Contains("421", attempt.Result.Recipients[0].Detail);
        Assert.Equal("b.busy3.test", attempt.RemoteHost);
        Assert.Equal(RouteCondition.Healthy, attempt.Condition); // port 25 is reachable: no route alert
        Assert.Equal(0, third.Connections);
    }

    [Fact]
    public async Task ATemporaryDnsFailureDefersEveryRecipient()
    {
        var zone = new TestZone(DnsRecord.ForAddress("other.test", At(40)));
        zone.Failing.Add("flaky.test");
        using var dns = new ScriptedDnsServer(zone);

        RouteAttempt attempt = await Router(MxOptions(2525), dns.EndPoint).DeliverAsync("flaky.test", Message("a@flaky.test", "b@flaky.test"), CancellationToken.None);

        Assert.All(attempt.Result.Recipients, r =>
        {
            Assert.Equal(RecipientOutcome.Deferred, r.Outcome);
            Assert.StartsWith("4.4.3 DNS lookup for flaky.test failed", r.Detail);
        });
        Assert.Equal(RouteCondition.Unknown, attempt.Condition);
        Assert.Null(attempt.RemoteHost);
    }

    [Fact]
    public async Task AnAddressLiteralDomainIsDeliveredToThatAddressWithoutDns()
    {
        int port = LoopbackPorts.FreeOn(At(41));
        using var server = new LoopbackSmtpServer(At(41), port);
        using var dns = new ScriptedDnsServer(new TestZone());
        var router = Router(MxOptions(port), dns.EndPoint);

        string destination = router.DestinationOf("admin@[127.0.0.41]");
        RouteAttempt attempt = await router.DeliverAsync(destination, Message("admin@[127.0.0.41]"), CancellationToken.None);

        Assert.Equal("[127.0.0.41]", destination);
        AssertDelivered(attempt);
        Assert.Equal(0, dns.UdpQueries);
    }

    [Fact]
    public async Task AnInternationalisedDomainIsLookedUpInALabels()
    {
        int port = LoopbackPorts.FreeOn(At(44));
        using var server = new LoopbackSmtpServer(At(44), port);
        using var dns = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForMx("xn--bcher-kva.test", 10, "mx.xn--bcher-kva.test"),
            DnsRecord.ForAddress("mx.xn--bcher-kva.test", At(44))));

        RouteAttempt attempt = await Router(MxOptions(port), dns.EndPoint).DeliverAsync("Bücher.test", Message("leser@xn--bcher-kva.test"), CancellationToken.None);

        AssertDelivered(attempt);
        Assert.Equal("mx.xn--bcher-kva.test", attempt.RemoteHost);
    }

    [Fact]
    public async Task AnAddressWithoutADomainFailsWithoutAskingTheDns()
    {
        using var dns = new ScriptedDnsServer(new TestZone());
        var router = Router(MxOptions(2525), dns.EndPoint);

        string destination = router.DestinationOf("root");
        RouteAttempt attempt = await router.DeliverAsync(destination, Message("root"), CancellationToken.None);

        Assert.Equal(string.Empty, destination);
        Assert.Equal(RecipientOutcome.Failed, Assert.Single(attempt.Result.Recipients).Outcome);
        Assert.Equal(0, dns.UdpQueries);
    }

    [Fact]
    public async Task OnceThePortIsFoundBlockedTheFallbackIsUsedAtOnceUntilTheMemoryRunsOut()
    {
        int port = LoopbackPorts.FreeOn(At(43));
        using var blackhole = new BlackholeListener(At(43), port);
        using var fallback = new LoopbackSmtpServer(LoopbackPorts.Address(1), 0);
        using var dns = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForMx("a.test", 10, "mx.a.test"), DnsRecord.ForAddress("mx.a.test", At(43)),
            DnsRecord.ForMx("b.test", 10, "mx.b.test"), DnsRecord.ForAddress("mx.b.test", At(43))));
        var clock = new Relaybox.Smtp.Tests.Delivery.Client.ManualClock();
        var options = MxOptions(port) with
        {
            ConnectTimeout = ShortConnectTimeout,
            BlockedPortMemory = TimeSpan.FromMinutes(10),
            FallbackRelay = new Relayhost("127.0.0.1", fallback.EndPoint.Port) { Tls = new TlsPolicy { Level = TlsSecurityLevel.None } },
        };
        var router = new DeliveryRouter(options, Resolver(dns.EndPoint), new SmtpDeliveryClient(TimeProvider.System), clock);

        async Task<(RouteAttempt Attempt, TimeSpan Took)> Deliver(string domain)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            RouteAttempt attempt = await router.DeliverAsync(domain, Message("x@" + domain), CancellationToken.None);
            return (attempt, watch.Elapsed);
        }

        var first = await Deliver("a.test");
        var second = await Deliver("b.test");
        clock.Advance(TimeSpan.FromMinutes(11));
        var third = await Deliver("b.test");

        Assert.All([first.Attempt, second.Attempt, third.Attempt], a =>
        {
            AssertDelivered(a);
            Assert.Equal(RouteCondition.OutboundPortBlocked, a.Condition);
        });
        Assert.True(first.Took >= ShortConnectTimeout - TimeSpan.FromMilliseconds(50), $"first took {first.Took}");
        Assert.True(second.Took < ShortConnectTimeout, $"second took {second.Took}: the MX was tried again");
        Assert.Equal($"port {port} found blocked at 00:00 UTC; delivered through fallback [127.0.0.1]:{fallback.EndPoint.Port}", second.Attempt.ConditionDetail);
        Assert.True(third.Took >= ShortConnectTimeout - TimeSpan.FromMilliseconds(50), $"third took {third.Took}: the MX was not tried again");
        Assert.Equal(3, fallback.Messages.Count);
    }

    [Fact]
    public async Task CancellationEscapesAsOperationCanceled()
    {
        int port = LoopbackPorts.FreeOn(At(42));
        using var blackhole = new BlackholeListener(At(42), port);
        using var dns = new ScriptedDnsServer(new TestZone(DnsRecord.ForMx("slow.test", 10, "mx.slow.test"), DnsRecord.ForAddress("mx.slow.test", At(42))));
        var router = Router(MxOptions(port) with { ConnectTimeout = TimeSpan.FromSeconds(30) }, dns.EndPoint);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => router.DeliverAsync("slow.test", Message("x@slow.test"), cancel.Token));
    }
}
