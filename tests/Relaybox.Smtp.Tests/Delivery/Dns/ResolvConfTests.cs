using System.Net;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

public sealed class ResolvConfTests
{
    [Fact]
    public void NameserversOptionsAndCommentsAreReadLikeGlibcReadsThem()
    {
        var options = ResolvConf.Parse("""
            # written by the DHCP client
            search lan
            nameserver 192.168.1.1
            ; a comment
            nameserver 2001:db8::53   # trailing comment
            options rotate timeout:2 attempts:4
            """);

        Assert.Equal(
            [new IPEndPoint(IPAddress.Parse("192.168.1.1"), 53), new IPEndPoint(IPAddress.Parse("2001:db8::53"), 53)],
            options.Servers);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Timeout);
        Assert.Equal(4, options.Attempts);
    }

    [Fact]
    public void OnlyTheFirstThreeNameserversCount()
    {
        var options = ResolvConf.Parse("nameserver 10.0.0.1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nnameserver 10.0.0.4\n");

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], options.Servers.Select(s => s.Address.ToString()));
    }

    [Fact]
    public void DefaultsAreFiveSecondsTwoAttemptsAndTheLocalServer()
    {
        var options = ResolvConf.Parse("# nothing here\nnameserver not-an-address\n");

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 53)], options.Servers);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(2, options.Attempts);
    }

    [Fact]
    public void OutOfRangeOptionsAreClampedToGlibcBounds()
    {
        var options = ResolvConf.Parse("nameserver 10.0.0.1\r\noptions timeout:600 attempts:99\r\n");

        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(5, options.Attempts);
        Assert.Equal("10.0.0.1", Assert.Single(options.Servers).Address.ToString());
    }
}
