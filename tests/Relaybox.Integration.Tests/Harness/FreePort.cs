using System.Net;
using System.Net.Sockets;

namespace Relaybox.Integration.Tests.Harness;

public static class FreePort
{
    /// <summary>A loopback port that was free a moment ago (the kernel picks it).</summary>
    public static int Next()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
