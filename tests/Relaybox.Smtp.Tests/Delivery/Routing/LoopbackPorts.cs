using System.Net;
using System.Net.Sockets;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>Loopback addresses (all of 127.0.0.0/8 reaches this machine on Linux) and a port free on several of them.</summary>
internal static class LoopbackPorts
{
    public static IPAddress Address(int last) => new([127, 0, 0, (byte)last]);

    /// <summary>A TCP port nothing listens on at any of <paramref name="addresses"/> right now.</summary>
    public static int FreeOn(params IPAddress[] addresses)
    {
        for (int i = 0; i < 50; i++)
        {
            using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            first.Bind(new IPEndPoint(addresses[0], 0));
            int port = ((IPEndPoint)first.LocalEndPoint!).Port;
            var probes = new List<Socket>();
            try
            {
                foreach (IPAddress address in addresses.Skip(1))
                {
                    var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    probes.Add(probe);
                    probe.Bind(new IPEndPoint(address, port));
                }

                return port;
            }
            catch (SocketException)
            {
                // taken on one of them: try another
            }
            finally
            {
                probes.ForEach(p => p.Dispose());
            }
        }

        throw new InvalidOperationException("no port free on every address");
    }
}
