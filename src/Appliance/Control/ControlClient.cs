using System.Net.Sockets;
using System.Text;

namespace Relaybox.Appliance.Control;

/// <summary>
/// The relaybox command's end of the control socket: sends one request, reads the reply to the end. Every
/// outcome is a value (<see cref="ControlOutcome"/>); the one distinction that matters to the caller is
/// "no daemon" (act on the queue files directly) versus "a daemon may be there but the exchange failed"
/// (do not touch the files: that could race a delivery).
/// </summary>
public sealed class ControlClient(string socketPath, ControlClientOptions? options = null)
{
    private readonly ControlClientOptions options = options ?? new ControlClientOptions();

    public string SocketPath { get; } = socketPath;

    public async Task<ControlReply> SendAsync(ControlRequest request, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(SocketPath))
        {
            return ControlReply.NotRunning;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        if (await ConnectAsync(socket, cancellationToken) is { } notConnected)
        {
            return notConnected;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ResponseTimeout);
        try
        {
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(request + "\n"), SocketFlags.None, deadline.Token);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.Shutdown or SocketError.ConnectionReset)
            {
                // A daemon with every control slot taken answers "busy" and closes before reading the request:
                // the send fails, but its answer is still waiting to be read.
            }

            return Parse(await ReadToEndAsync(socket, deadline.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ControlReply.Failed($"relaybox did not answer within {options.ResponseTimeout.TotalSeconds:0} s");
        }
        catch (SocketException e)
        {
            return ControlReply.Failed($"control socket {SocketPath}: {e.Message}");
        }
    }

    private async Task<ControlReply?> ConnectAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), deadline.Token);
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            // ECONNREFUSED: the file is left from a daemon that died; ENOENT: it went away since File.Exists.
            return ControlReply.NotRunning;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            return ControlReply.Failed($"no permission to use {SocketPath}: run this as the user relaybox runs as");
        }
        catch (SocketException e)
        {
            return ControlReply.Failed($"control socket {SocketPath}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ControlReply.Failed($"relaybox did not accept a connection on {SocketPath} within {options.ConnectTimeout.TotalSeconds:0} s");
        }
        catch (ArgumentOutOfRangeException)
        {
            return ControlReply.Failed($"control socket path {SocketPath} is too long for a Unix socket");
        }
    }

    /// <summary>Reads until the daemon closes; null when the reply is larger than allowed.</summary>
    private async Task<byte[]?> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var reply = new MemoryStream();
        byte[] buffer = new byte[8192];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset && reply.Length > 0)
            {
                // The daemon answered and closed before reading all we sent (a refused overlong line): the answer stands.
                break;
            }

            if (read == 0)
            {
                break;
            }

            if (reply.Length + read > options.MaxResponseBytes)
            {
                return null;
            }

            reply.Write(buffer, 0, read);
        }

        return reply.ToArray();
    }

    private ControlReply Parse(byte[]? reply)
    {
        if (reply is null)
        {
            return ControlReply.Failed($"relaybox's reply is longer than {options.MaxResponseBytes} bytes");
        }

        string text = Encoding.UTF8.GetString(reply);
        if (!text.EndsWith('\n'))
        {
            return ControlReply.Failed("relaybox closed the connection without an answer (is it stopping?)");
        }

        var lines = text[..^1].Split('\n');
        string last = lines[^1];
        string[] data = lines[..^1];
        if (last == ControlResponse.Ok)
        {
            return new ControlReply(ControlOutcome.Ok, data);
        }

        return last.StartsWith(ControlResponse.ErrorPrefix, StringComparison.Ordinal)
            ? new ControlReply(ControlOutcome.Refused, data, last[ControlResponse.ErrorPrefix.Length..])
            : ControlReply.Failed("relaybox's reply does not end in \"ok\" or \"error\"");
    }
}
