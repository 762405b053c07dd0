using System.Net;
using Relaybox.Smtp.Relay;

namespace Relaybox.Smtp.Tests.Relay;

public sealed class NetworkListTests
{
    private static readonly NetworkList Lan = new([IPNetwork.Parse("192.168.0.0/23"), IPNetwork.Parse("::1/128")]);

    [Theory]
    [InlineData("192.168.0.1", true)]
    [InlineData("192.168.1.255", true)]
    [InlineData("192.168.2.0", false)]
    [InlineData("::ffff:192.168.1.4", true)]
    [InlineData("::ffff:192.168.2.4", false)]
    [InlineData("::1", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::2", false)]
    public void ContainsMatchesIPv4AndIPv4MappedClientsAlike(string client, bool expected)
    {
        Assert.Equal(expected, Lan.Contains(IPAddress.Parse(client)));
    }

    [Fact]
    public void IPv4ClientMatchesANetworkWrittenInMappedForm()
    {
        var mappedNetwork = new NetworkList([IPNetwork.Parse("::ffff:10.0.0.0/104")]);

        Assert.True(mappedNetwork.Contains(IPAddress.Parse("10.1.2.3")));
        Assert.False(mappedNetwork.Contains(IPAddress.Parse("11.1.2.3")));
    }

    [Fact]
    public void EmptyListContainsNothing()
    {
        Assert.False(NetworkList.Empty.Contains(IPAddress.Loopback));
    }
}
