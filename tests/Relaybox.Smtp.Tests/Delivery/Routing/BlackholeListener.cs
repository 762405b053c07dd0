using System.Net;
using System.Net.Sockets;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>
/// An address and port where connection attempts go unanswered, as behind a firewall that drops packets: a
/// listener with a backlog of 0 whose one queue slot is taken by a connection nobody accepts. Linux then drops
/// further SYNs (tcp_abort_on_overflow = 0, the default), so clients wait until their connect timeout.
/// </summary>
internal sealed class BlackholeListener : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _filler = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public BlackholeListener(IPAddress address, int port)
    {
        _listener.Bind(new IPEndPoint(address, port));
        _listener.Listen(0);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _filler.Connect(EndPoint);
    }

    public IPEndPoint EndPoint { get; }

    public void Dispose()
    {
        _filler.Dispose();
        _listener.Dispose();
    }
}
