using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Serilog;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>A scratch data directory with a short path (Unix socket paths are limited to 107 bytes), removed afterwards.</summary>
internal sealed class ControlTestDirectory : IDisposable
{
    public ControlTestDirectory()
    {
        Path = Directory.CreateTempSubdirectory("rbx-ctl-").FullName;
    }

    public string Path { get; }

    public string SocketPath => System.IO.Path.Combine(Path, "control");

    public static ILogger Log { get; } = new LoggerConfiguration().CreateLogger();

    /// <summary>Fake ids in the queue id alphabet (26 characters of Crockford base32).</summary>
    public static string Id(int n) => "01JD" + n.ToString("D22", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Leaves a socket file nobody listens on, as a daemon killed with SIGKILL does. Made by another process,
    /// because .NET removes the file of a socket it bound when that socket is closed.
    /// </summary>
    public void MakeStaleSocket()
    {
        var python = Process.Start(new ProcessStartInfo("python3", ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", SocketPath])
        {
            RedirectStandardError = true,
        })!;
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, python.StandardError.ReadToEnd());
        Assert.True(File.Exists(SocketPath));
    }

    /// <summary>Sends raw bytes on a fresh connection (closing the sending side when asked) and returns everything the server writes.</summary>
    public async Task<string> RawExchangeAsync(byte[] request, bool closeSending = true, bool oneByteAtATime = false)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
        if (oneByteAtATime)
        {
            for (int i = 0; i < request.Length; i++)
            {
                await socket.SendAsync(request.AsMemory(i, 1), SocketFlags.None);
                await Task.Delay(2);
            }
        }
        else
        {
            await socket.SendAsync(request, SocketFlags.None);
        }

        if (closeSending)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        var reply = new StringBuilder();
        byte[] buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                break; // the server closed with our overlong request unread; what it wrote before counts
            }

            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reply.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover scratch directory in /tmp is harmless.
        }
    }
}
