using System.Net;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>MX resolution against a real DNS server (dnsmasq) on loopback.</summary>
public sealed class DnsmasqResolverTests
{
    [Fact]
    public async Task MxHostsComeInPreferenceOrderWithTheirAddresses()
    {
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=example.test,backup.example.test,20",
            "--mx-host=example.test,primary.example.test,10",
            "--host-record=primary.example.test,192.0.2.10,2001:db8::10",
            "--host-record=backup.example.test,192.0.2.20");
        var resolver = new MxResolver(new DnsClient(dns.Options()));

        var result = await resolver.ResolveAsync("example.test");

        Assert.Equal(MxResolutionKind.Hosts, result.Kind);
        Assert.Equal(["primary.example.test", "backup.example.test"], result.Hosts.Select(h => h.Name));
        Assert.Equal([(ushort)10, (ushort)20], result.Hosts.Select(h => h.Preference));
        Assert.Equal([IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10")], result.Hosts[0].Addresses);
        Assert.Equal([IPAddress.Parse("192.0.2.20")], result.Hosts[1].Addresses);
    }

    [Fact]
    public async Task EqualPreferencesAreShuffledButNeverPlacedBeforeABetterOne()
    {
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=even.test,best.even.test,5",
            "--mx-host=even.test,a.even.test,10",
            "--mx-host=even.test,b.even.test,10",
            "--host-record=best.even.test,192.0.2.1",
            "--host-record=a.even.test,192.0.2.2",
            "--host-record=b.even.test,192.0.2.3");
        var resolver = new MxResolver(new DnsClient(dns.Options()));

        var orders = new HashSet<string>();
        for (int i = 0; i < 40; i++)
        {
            var result = await resolver.ResolveAsync("even.test");
            Assert.Equal("best.even.test", result.Hosts[0].Name);
            orders.Add(string.Join(",", result.Hosts.Skip(1).Select(h => h.Name)));
        }

        // 40 fair coin flips all landing the same way has a chance of 2^-39.
        Assert.Equal(["a.even.test,b.even.test", "b.even.test,a.even.test"], orders.Order());
    }

    [Fact]
    public async Task ADomainWithoutMxIsItsOwnMailHost()
    {
        using var dns = await DnsmasqServer.StartAsync("--host-record=plain.test,192.0.2.7,2001:db8::7");
        var resolver = new MxResolver(new DnsClient(dns.Options()));

        var result = await resolver.ResolveAsync("plain.test");

        Assert.Equal(MxResolutionKind.ImplicitMx, result.Kind);
        var host = Assert.Single(result.Hosts);
        Assert.Equal("plain.test", host.Name);
        Assert.Equal([IPAddress.Parse("192.0.2.7"), IPAddress.Parse("2001:db8::7")], host.Addresses);
    }

    [Fact]
    public async Task NullMxIsReportedAsNullMx()
    {
        // RDATA 00 00 00: preference 0, exchange "." (RFC 7505 3).
        using var dns = await DnsmasqServer.StartAsync("--dns-rr=nomail.test,15,000000", "--host-record=nomail.test,192.0.2.9");
        var resolver = new MxResolver(new DnsClient(dns.Options()));

        var result = await resolver.ResolveAsync("nomail.test");

        Assert.Equal(MxResolutionKind.NullMx, result.Kind);
        Assert.Empty(result.Hosts);
        Assert.True(result.IsPermanentFailure);
    }

    [Fact]
    public async Task NxdomainIsNoSuchDomain()
    {
        using var dns = await DnsmasqServer.StartAsync("--host-record=exists.test,192.0.2.1");
        var resolver = new MxResolver(new DnsClient(dns.Options()));

        var result = await resolver.ResolveAsync("missing.test");

        Assert.Equal(MxResolutionKind.NoSuchDomain, result.Kind);
        Assert.True(result.IsPermanentFailure);
    }

    [Fact]
    public async Task AnMxTargetThatIsACnameIsFollowedToItsAddresses()
    {
        using var dns = await DnsmasqServer.StartAsync(
            "--mx-host=aliased.test,mail.aliased.test,10",
            "--cname=mail.aliased.test,real.aliased.test",
            "--host-record=real.aliased.test,192.0.2.44,2001:db8::44");
        var resolver = new MxResolver(new DnsClient(dns.Options()));

        var result = await resolver.ResolveAsync("aliased.test");

        Assert.Equal(MxResolutionKind.Hosts, result.Kind);
        var host = Assert.Single(result.Hosts);
        Assert.Equal("mail.aliased.test", host.Name);
        Assert.Equal([IPAddress.Parse("192.0.2.44"), IPAddress.Parse("2001:db8::44")], host.Addresses);
    }

    [Fact]
    public async Task ASmarthostNameResolvesToItsIpv4AndIpv6Addresses()
    {
        using var dns = await DnsmasqServer.StartAsync(
            "--host-record=smtp.provider.test,192.0.2.80",
            "--host-record=smtp.provider.test,2001:db8::80");
        var resolver = new MxResolver(new DnsClient(dns.Options()));

        var result = await resolver.ResolveAddressesAsync("smtp.provider.test");

        Assert.Equal(AddressResolutionKind.Found, result.Kind);
        Assert.Equal([IPAddress.Parse("192.0.2.80"), IPAddress.Parse("2001:db8::80")], result.Addresses);
    }

    [Fact]
    public async Task AnIpv6OnlyHostHasOnlyItsAaaaAddress()
    {
        using var dns = await DnsmasqServer.StartAsync("--host-record=v6only.test,2001:db8::6");
        var client = new DnsClient(dns.Options());

        var aaaa = await client.QueryAsync("v6only.test", DnsRecordType.Aaaa);
        var a = await client.QueryAsync("v6only.test", DnsRecordType.A);

        Assert.Equal(DnsQueryStatus.Answer, aaaa.Status);
        Assert.Equal(IPAddress.Parse("2001:db8::6"), Assert.Single(aaaa.Response!.Answers).Address);
        Assert.Equal(DnsQueryStatus.Answer, a.Status);
        Assert.Empty(a.Response!.Answers);
    }

    [Fact]
    public async Task AnAnswerTooLargeForUdpIsFetchedOverTcp()
    {
        // 40 MX records of ~30 octets each cannot fit into 512 octets: dnsmasq sets TC over UDP.
        var records = Enumerable.Range(1, 40)
            .Select(i => $"--mx-host=big.test,mail-exchanger-{i:D2}.big.test,{i}")
            .Append("--host-record=mail-exchanger-01.big.test,192.0.2.1")
            .ToArray();
        using var dns = await DnsmasqServer.StartAsync(records);
        var client = new DnsClient(dns.Options());

        var result = await client.QueryAsync("big.test", DnsRecordType.Mx);

        Assert.Equal(DnsQueryStatus.Answer, result.Status);
        Assert.False(result.Response!.Header.Truncated);
        Assert.Equal(40, result.Response.Answers.Count(r => r.Type == DnsRecordType.Mx));

        var mx = await new MxResolver(client).ResolveAsync("big.test");
        Assert.Equal(MxResolutionKind.Hosts, mx.Kind);
        Assert.Equal("mail-exchanger-01.big.test", Assert.Single(mx.Hosts).Name);
    }

    [Fact]
    public async Task TheSecondServerIsAskedWhenTheFirstIsDown()
    {
        using var dns = await DnsmasqServer.StartAsync("--host-record=second.test,192.0.2.2");
        using var silent = new SilentUdpPort();
        var options = new DnsClientOptions([silent.EndPoint, dns.EndPoint])
        {
            Timeout = TimeSpan.FromMilliseconds(300),
            Attempts = 1,
        };

        var result = await new MxResolver(new DnsClient(options)).ResolveAddressesAsync("second.test");

        Assert.Equal(AddressResolutionKind.Found, result.Kind);
        Assert.Equal([IPAddress.Parse("192.0.2.2")], result.Addresses);
    }
}
