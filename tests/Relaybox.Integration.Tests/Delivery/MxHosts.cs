using System.Net;
using System.Net.Sockets;
using Relaybox.Integration.Tests.Harness;
using Relaybox.Smtp.Tests.Delivery.Routing;

namespace Relaybox.Integration.Tests.Delivery;

/// <summary>
/// Where the MX delivery tests put their mail servers: the loopback addresses 127.0.25.x (all of 127.0.0.0/8 reaches
/// this machine on Linux), on the real SMTP port 25, because relaybox contacts MX hosts on port 25 only (RFC 5321
/// section 4.5.4.2) and has no setting to change that. Each test uses its own addresses, so tests running in
/// parallel never meet. Binding port 25 needs root, which the test environment has.
/// </summary>
internal static class MxHosts
{
    public const int SmtpPort = 25;

    public static IPAddress Address(int last) => new([127, 0, 25, (byte)last]);

    /// <summary>Starts an aiosmtpd sink on 127.0.25.<paramref name="last"/>:25, after checking the port can be had.</summary>
    public static async Task<UpstreamSink> StartSinkAsync(int last)
    {
        EnsurePortFree(Address(last));
        return await UpstreamSink.StartAsync(host: Address(last).ToString(), port: SmtpPort);
    }

    /// <summary>An MX host that never answers: SYNs to 127.0.25.<paramref name="last"/>:25 are dropped, so connects time out.</summary>
    public static BlackholeListener Blackhole(int last)
    {
        EnsurePortFree(Address(last));
        return new BlackholeListener(Address(last), SmtpPort);
    }

    /// <summary>Fails the test with what holds the port when <paramref name="address"/>:25 cannot be bound.</summary>
    public static void EnsurePortFree(IPAddress address)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(address, SmtpPort));
        }
        catch (SocketException e)
        {
            Assert.Fail($"the MX tests need {address}:{SmtpPort} and cannot bind it ({e.SocketErrorCode}: {e.Message}); " +
                        $"they run as root and need no mail server listening on port 25 (0.0.0.0:25 counts). Listening now:\n{ListenersOnPort25()}");
        }
    }

    private static string ListenersOnPort25()
    {
        try
        {
            var ss = ExternalTool.RunAsync("/usr/bin/ss", ["-ltnpH", "sport = :25"]).GetAwaiter().GetResult();
            return ss.StandardOutput.Length > 0 ? ss.StandardOutput : "(ss shows no listener: " + ss.StandardError + ")";
        }
        catch (Exception e) when (e is FileNotFoundException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            return "(ss is not available: " + e.Message + ")";
        }
    }
}
