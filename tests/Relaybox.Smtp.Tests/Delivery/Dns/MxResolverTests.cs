using System.Net;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>MX selection rules against crafted answers a real server would rarely give.</summary>
public sealed class MxResolverTests
{
    private static readonly IPAddress Mx1 = IPAddress.Parse("192.0.2.1");

    private static MxResolver ResolverFor(ScriptedDnsServer server) =>
        new(new DnsClient(new DnsClientOptions([server.EndPoint]) { Timeout = TimeSpan.FromSeconds(2), Attempts = 1 }));

    [Fact]
    public async Task ASingleNullMxMeansTheDomainTakesNoMail()
    {
        using var server = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForMx("nomail.test", 0, ""),
            DnsRecord.ForAddress("nomail.test", Mx1)));

        var result = await ResolverFor(server).ResolveAsync("nomail.test");

        Assert.Equal(MxResolutionKind.NullMx, result.Kind);
        Assert.Contains("RFC 7505", result.Detail);
    }

    [Fact]
    public async Task ANullMxBesideRealMxRecordsIsIgnored()
    {
        using var server = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForMx("mixed.test", 0, ""),
            DnsRecord.ForMx("mixed.test", 10, "mx.mixed.test"),
            DnsRecord.ForAddress("mx.mixed.test", Mx1)));

        var result = await ResolverFor(server).ResolveAsync("mixed.test");

        Assert.Equal(MxResolutionKind.Hosts, result.Kind);
        Assert.Equal("mx.mixed.test", Assert.Single(result.Hosts).Name);
    }

    [Fact]
    public async Task ADomainThatIsACnameIsResolvedThroughItsTarget()
    {
        // The server answers with the CNAME alone, so the resolver must ask again for the target's MX.
        using var server = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForCname("alias.test", "target.test"),
            DnsRecord.ForMx("target.test", 5, "mx.target.test"),
            DnsRecord.ForAddress("mx.target.test", Mx1)));

        var result = await ResolverFor(server).ResolveAsync("alias.test");

        Assert.Equal(MxResolutionKind.Hosts, result.Kind);
        var host = Assert.Single(result.Hosts);
        Assert.Equal("mx.target.test", host.Name);
        Assert.Equal([Mx1], host.Addresses);
    }

    [Fact]
    public async Task ACnameLoopEndsAsATemporaryFailure()
    {
        using var server = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForCname("ping.test", "pong.test"),
            DnsRecord.ForCname("pong.test", "ping.test")));

        var result = await ResolverFor(server).ResolveAsync("ping.test").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(MxResolutionKind.Temporary, result.Kind);
        Assert.InRange(server.UdpQueries, 2, DnsRecordSet.MaxCnameChain + 1);
    }

    [Fact]
    public async Task MxHostsThatDoNotExistLeaveNoMailHost()
    {
        using var server = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForMx("dangling.test", 10, "gone.dangling.test"),
            DnsRecord.ForMx("dangling.test", 20, "gone2.dangling.test")));

        var result = await ResolverFor(server).ResolveAsync("dangling.test");

        Assert.Equal(MxResolutionKind.NoMailHost, result.Kind);
        Assert.True(result.IsPermanentFailure);
    }

    [Fact]
    public async Task AnMxHostWhoseLookupFailsNowIsATemporaryFailure()
    {
        var zone = new TestZone(DnsRecord.ForMx("flaky.test", 10, "mx.flaky.test"));
        zone.Failing.Add("mx.flaky.test");
        using var server = new ScriptedDnsServer(zone);

        var result = await ResolverFor(server).ResolveAsync("flaky.test");

        Assert.Equal(MxResolutionKind.Temporary, result.Kind);
    }

    [Fact]
    public async Task AnUnresolvableBetterHostIsSkippedForAResolvableWorseOne()
    {
        var zone = new TestZone(
            DnsRecord.ForMx("partial.test", 10, "down.partial.test"),
            DnsRecord.ForMx("partial.test", 20, "up.partial.test"),
            DnsRecord.ForAddress("up.partial.test", Mx1));
        zone.Failing.Add("down.partial.test");
        using var server = new ScriptedDnsServer(zone);

        var result = await ResolverFor(server).ResolveAsync("partial.test");

        Assert.Equal(MxResolutionKind.Hosts, result.Kind);
        Assert.Equal("up.partial.test", Assert.Single(result.Hosts).Name);
    }

    [Fact]
    public async Task ADomainWithNeitherMxNorAddressIsNoMailHost()
    {
        var zone = new TestZone();
        zone.WithoutRecords.Add("bare.test"); // exists (NOERROR) but has no MX, A or AAAA
        using var server = new ScriptedDnsServer(zone);

        var result = await ResolverFor(server).ResolveAsync("bare.test");

        Assert.Equal(MxResolutionKind.NoMailHost, result.Kind);
        Assert.Equal(3, server.UdpQueries); // MX, then A and AAAA for the implicit MX
    }

    [Fact]
    public async Task ServfailOnTheMxQueryIsTemporary()
    {
        var zone = new TestZone(DnsRecord.ForMx("broken.test", 10, "mx.broken.test"));
        zone.Failing.Add("broken.test");
        using var server = new ScriptedDnsServer(zone);

        var result = await ResolverFor(server).ResolveAsync("broken.test");

        Assert.Equal(MxResolutionKind.Temporary, result.Kind);
    }

    [Fact]
    public async Task AHostListedTwiceAppearsOnceWithItsBestPreference()
    {
        using var server = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForMx("twice.test", 30, "MX.twice.test"),
            DnsRecord.ForMx("twice.test", 10, "mx.twice.test"),
            DnsRecord.ForAddress("mx.twice.test", Mx1)));

        var result = await ResolverFor(server).ResolveAsync("twice.test");

        var host = Assert.Single(result.Hosts);
        Assert.Equal((ushort)10, host.Preference);
    }

    [Fact]
    public async Task NoMoreThanTheHostLimitIsReturned()
    {
        var records = Enumerable.Range(0, 15)
            .SelectMany(i => new[]
            {
                DnsRecord.ForMx("many.test", (ushort)i, $"mx{i}.many.test"),
                DnsRecord.ForAddress($"mx{i}.many.test", IPAddress.Parse($"192.0.2.{i + 1}")),
            })
            .ToArray();
        using var server = new ScriptedDnsServer(new TestZone(records));

        var result = await ResolverFor(server).ResolveAsync("many.test");

        Assert.Equal(MxResolver.MaxHosts, result.Hosts.Count);
        Assert.Equal(Enumerable.Range(0, MxResolver.MaxHosts).Select(i => $"mx{i}.many.test"), result.Hosts.Select(h => h.Name));
    }

    [Theory]
    [InlineData("[192.0.2.25]", "192.0.2.25")]
    [InlineData("192.0.2.25", "192.0.2.25")]
    [InlineData("[2001:db8::25]", "2001:db8::25")]
    [InlineData("[IPv6:2001:db8::25]", "2001:db8::25")]
    public async Task AnAddressLiteralNeedsNoQuery(string host, string expected)
    {
        using var server = new ScriptedDnsServer(new TestZone());

        var result = await ResolverFor(server).ResolveAddressesAsync(host);

        Assert.Equal(AddressResolutionKind.Found, result.Kind);
        Assert.Equal([IPAddress.Parse(expected)], result.Addresses);
        Assert.Equal(0, server.UdpQueries);
    }

    [Fact]
    public async Task AShorthandNumberIsANameNotAnAddress()
    {
        using var server = new ScriptedDnsServer(new TestZone());

        var result = await ResolverFor(server).ResolveAddressesAsync("192.2");

        Assert.Equal(AddressResolutionKind.NoSuchHost, result.Kind);
        Assert.Equal(2, server.UdpQueries);
    }

    [Fact]
    public async Task ADomainLiteralIsItsOwnMailHostWithoutAQuery()
    {
        using var server = new ScriptedDnsServer(new TestZone());

        var result = await ResolverFor(server).ResolveAsync("[192.0.2.77]");

        Assert.Equal(MxResolutionKind.ImplicitMx, result.Kind);
        Assert.Equal([IPAddress.Parse("192.0.2.77")], Assert.Single(result.Hosts).Addresses);
        Assert.Equal(0, server.UdpQueries);
    }

    [Fact]
    public async Task AnEmptySmarthostNameIsNoSuchHostWithoutAQuery()
    {
        using var server = new ScriptedDnsServer(new TestZone());

        var result = await ResolverFor(server).ResolveAddressesAsync(".");

        Assert.Equal(AddressResolutionKind.NoSuchHost, result.Kind);
        Assert.Equal(0, server.UdpQueries);
    }

    [Fact]
    public async Task AnUnknownSmarthostIsNoSuchHost()
    {
        using var server = new ScriptedDnsServer(new TestZone(DnsRecord.ForAddress("known.test", Mx1)));

        var result = await ResolverFor(server).ResolveAddressesAsync("unknown.test");

        Assert.Equal(AddressResolutionKind.NoSuchHost, result.Kind);
        Assert.Empty(result.Addresses);
    }

    [Fact]
    public async Task AnEmptyOrInvalidDomainIsNoSuchDomain()
    {
        using var server = new ScriptedDnsServer(new TestZone());
        var resolver = ResolverFor(server);

        Assert.Equal(MxResolutionKind.NoSuchDomain, (await resolver.ResolveAsync("")).Kind);
        Assert.Equal(MxResolutionKind.NoSuchDomain, (await resolver.ResolveAsync("a..b")).Kind);
        Assert.Equal(0, server.UdpQueries);
    }
}
