using System.Net.Sockets;
using System.Text;
using System.Text.Unicode;

namespace Relaybox.Appliance.Control;

/// <summary>
/// Reads the one request line of a control connection into a fixed buffer: the limit is checked before the
/// line end is found, so a client can never make the daemon buffer more than the limit, and a client that
/// sends nothing is dropped at the deadline.
/// </summary>
internal static class ControlLineReader
{
    private static readonly Encoding Utf8Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(string? Line, ControlRequestError Error)> ReadAsync(
        Socket socket, int maxLength, TimeSpan timeout, TimeProvider time, CancellationToken stopping)
    {
        byte[] buffer = new byte[maxLength + 2]; // a line of the full length still fits with its CR LF
        int filled = 0;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        while (true)
        {
            int lineEnd = buffer.AsSpan(0, filled).IndexOf((byte)'\n');
            if (lineEnd >= 0)
            {
                return Decode(buffer.AsSpan(0, lineEnd), maxLength);
            }

            if (filled == buffer.Length)
            {
                return (null, ControlRequestError.TooLong);
            }

            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, linked.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return (null, ControlRequestError.TimedOut);
            }

            if (read == 0)
            {
                return (null, ControlRequestError.Unterminated);
            }

            filled += read;
        }
    }

    private static (string? Line, ControlRequestError Error) Decode(ReadOnlySpan<byte> line, int maxLength)
    {
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        if (line.Length > maxLength)
        {
            return (null, ControlRequestError.TooLong);
        }

        return Utf8.IsValid(line) ? (Utf8Strict.GetString(line), ControlRequestError.None) : (null, ControlRequestError.NotText);
    }
}
