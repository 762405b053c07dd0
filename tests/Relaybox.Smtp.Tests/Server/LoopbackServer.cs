using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>A real <see cref="SmtpServer"/> on 127.0.0.1 with one listener of each kind on ports the system picks.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackServer(SmtpServer server, InMemorySpool spool)
    {
        Server = server;
        Spool = spool;
    }

    public SmtpServer Server { get; }

    public InMemorySpool Spool { get; }

    public static async Task<LoopbackServer> StartAsync(SmtpServerSettings settings)
    {
        var spool = new InMemorySpool();
        var listeners = Enum.GetValues<SmtpSessionKind>().Select(kind => new SmtpListenerOptions(new IPEndPoint(IPAddress.Loopback, 0), kind));
        var server = TestServers.Create(settings, spool, listeners);
        await server.StartAsync();
        return new LoopbackServer(server, spool);
    }

    public int Port(SmtpSessionKind kind) => Server.BoundEndPoints.Single(e => e.Kind == kind).EndPoint.Port;

    public async Task<SmtpTestClient> ConnectAsync(SmtpSessionKind kind)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Port(kind));
        return new SmtpTestClient(new NetworkStream(socket, ownsSocket: true));
    }

    public async ValueTask DisposeAsync() => await Server.StopAsync(TimeSpan.FromSeconds(1));
}
