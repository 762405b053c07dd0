using System.Net;
using System.Net.Sockets;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// Listener ports for test instances, taken below the kernel's ephemeral range (32768 and up on Linux): a
/// port the kernel picks for us is the same kind it hands to every client socket the tests open, so it could
/// be taken again before relaybox binds it. Each port is checked free when handed out.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static int next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        for (int attempt = 0; attempt < Last - First; attempt++)
        {
            int port = First + (int)((uint)Interlocked.Increment(ref next) % (Last - First));
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    private static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
