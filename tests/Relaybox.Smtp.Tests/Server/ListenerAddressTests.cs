using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>What "*:port" and explicit addresses bind to. Clients connect over loopback only.</summary>
public sealed class ListenerAddressTests
{
    [Fact]
    public async Task TheWildcardListenerServesIPv4AndIPv6Clients()
    {
        var spool = new InMemorySpool();
        var server = TestServers.Create(TestServers.Settings(), spool,
            [new SmtpListenerOptions(new IPEndPoint(IPAddress.IPv6Any, 0), SmtpSessionKind.Smtp)]);
        await server.StartAsync();
        try
        {
            int port = server.BoundEndPoints.Single().EndPoint.Port;

            Assert.StartsWith("220 ", await GreetingAsync(IPAddress.Loopback, port));
            Assert.StartsWith("220 ", await GreetingAsync(IPAddress.IPv6Loopback, port));
        }
        finally
        {
            await server.StopAsync(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task AnIPv6LoopbackListenerDoesNotTakeIPv4Clients()
    {
        var server = TestServers.Create(TestServers.Settings(), new InMemorySpool(),
            [new SmtpListenerOptions(new IPEndPoint(IPAddress.IPv6Loopback, 0), SmtpSessionKind.Smtp)]);
        await server.StartAsync();
        try
        {
            int port = server.BoundEndPoints.Single().EndPoint.Port;

            Assert.StartsWith("220 ", await GreetingAsync(IPAddress.IPv6Loopback, port));
            await Assert.ThrowsAsync<SocketException>(() => GreetingAsync(IPAddress.Loopback, port));
        }
        finally
        {
            await server.StopAsync(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<string> GreetingAsync(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address, port);
        await using var client = new SmtpTestClient(new NetworkStream(socket, ownsSocket: true));
        return await client.ReadLineAsync() ?? "";
    }
}
