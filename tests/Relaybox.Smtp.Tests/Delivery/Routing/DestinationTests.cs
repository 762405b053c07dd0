using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Routing;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>How recipients are grouped into destinations, and the relayhost syntax.</summary>
public sealed class DestinationTests
{
    private static DeliveryRouter RouterWith(Relayhost? relay) =>
        new(new RoutingOptions { Relayhost = relay }, new MxResolver(new DnsClient(new DnsClientOptions([new(System.Net.IPAddress.Loopback, 9)]))), TimeProvider.System);

    [Theory]
    [InlineData("Owner@Example.ORG", "example.org")]
    [InlineData("\"odd@local\"@mail.example.org", "mail.example.org")]
    [InlineData("user@example.org.", "example.org")]
    [InlineData("user@[192.0.2.1]", "[192.0.2.1]")]
    [InlineData("user@[IPv6:2001:db8::1]", "[IPv6:2001:db8::1]")]
    [InlineData("root", "")]
    [InlineData("leser@Bücher.Example", "xn--bcher-kva.example")]
    public void MxDeliveryGroupsByTheLowerCasedDomain(string address, string expected) =>
        Assert.Equal(expected, RouterWith(null).DestinationOf(address));

    [Theory]
    [InlineData(false, "[smtp.example.net]:587")]
    [InlineData(true, "smtp.example.net:587")]
    public void RelayhostDeliveryGroupsEveryoneUnderTheRelayhost(bool lookUpMx, string expected)
    {
        var router = RouterWith(new Relayhost("smtp.example.net", 587) { LookUpMx = lookUpMx });

        Assert.Equal(expected, router.DestinationOf("a@one.example"));
        Assert.Equal(expected, router.DestinationOf("b@two.example"));
    }

    [Theory]
    [InlineData("[smtp.example.net]:587", "smtp.example.net", 587, false)]
    [InlineData("[smtp.example.net]", "smtp.example.net", 25, false)]
    [InlineData("example.net:2525", "example.net", 2525, true)]
    [InlineData("example.net", "example.net", 25, true)]
    [InlineData(" [192.168.1.5]:465 ", "192.168.1.5", 465, false)]
    [InlineData("[2001:db8::1]:587", "2001:db8::1", 587, false)]
    [InlineData("[IPv6:2001:db8::1]", "2001:db8::1", 25, false)]
    public void RelayhostSyntaxIsPostfixs(string text, string host, int port, bool lookUpMx)
    {
        Assert.True(Relayhost.TryParse(text, out Relayhost? relay));
        Assert.Equal(host, relay!.Host);
        Assert.Equal(port, relay.Port);
        Assert.Equal(lookUpMx, relay.LookUpMx);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[smtp.example.net")]
    [InlineData("[]:587")]
    [InlineData("smtp.example.net:")]
    [InlineData("smtp.example.net:0")]
    [InlineData("smtp.example.net:65536")]
    [InlineData("smtp.example.net:58x")]
    [InlineData("[smtp.example.net]587")]
    [InlineData("user@smtp.example.net")]
    [InlineData("smtp example.net")]
    [InlineData("2001:db8::1")]
    public void MalformedRelayhostsAreRefused(string text) => Assert.False(Relayhost.TryParse(text, out _));

    [Fact]
    public void ARelayhostNeverShowsItsPassword()
    {
        var relay = new Relayhost("smtp.example.net", 587) { Credentials = new("relay", "hunter2") };

        Assert.Equal("[smtp.example.net]:587", relay.ToString());
        Assert.DoesNotContain("hunter2", new RoutingOptions { Relayhost = relay }.ToString());
    }
}
