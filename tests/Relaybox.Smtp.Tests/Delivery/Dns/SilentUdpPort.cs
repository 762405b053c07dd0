using System.Net;
using System.Net.Sockets;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>A bound UDP port that reads nothing and answers nothing: a name server that is hung.</summary>
internal sealed class SilentUdpPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public SilentUdpPort() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Dispose() => _socket.Dispose();
}
