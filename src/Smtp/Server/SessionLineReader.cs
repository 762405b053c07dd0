using System.Buffers;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Server;

/// <summary>
/// Reads the command and AUTH lines of one session into a buffer of its own, so each line is parsed without
/// allocation and the pipe is advanced at once. The buffer may hold passwords: it is cleared when returned.
/// </summary>
internal sealed class SessionLineReader : IDisposable
{
    private readonly SmtpConnection _connection;
    private byte[] _line;
    private bool _discardingLine;

    public SessionLineReader(SmtpConnection connection, int initialCapacity)
    {
        _connection = connection;
        _line = ArrayPool<byte>.Shared.Rent(initialCapacity + 2);
    }

    /// <summary>The line of a <see cref="LineRead"/> that has one.</summary>
    public Span<byte> LineOf(LineRead read) => _line.AsSpan(0, read.Length);

    /// <summary>Zeroes the buffer (after an AUTH line).</summary>
    public void Clear() => Array.Clear(_line);

    /// <summary>After STARTTLS the old input is gone, and with it any overlong line being skipped.</summary>
    public void ForgetPartialLine() => _discardingLine = false;

    public void Dispose() => ArrayPool<byte>.Shared.Return(_line, clearArray: true);

    /// <summary>
    /// Waits for one line of at most <paramref name="maxLength"/> octets and copies it into the line buffer.
    /// Replies are flushed only when the buffered input holds no complete line (PIPELINING, RFC 2920 section 3.1).
    /// A line that starts with "AUTH " may be as long as <paramref name="authLineLength"/>: an initial response
    /// can exceed the command limit (RFC 4954 section 4 sizes SASL lines at 12288 octets).
    /// </summary>
    public async ValueTask<LineRead> ReadLineAsync(int maxLength, TimeSpan timeout, int authLineLength = 0)
    {
        int capacity = Math.Max(maxLength, authLineLength) + 2;
        if (_line.Length < capacity)
        {
            ArrayPool<byte>.Shared.Return(_line, clearArray: true);
            _line = ArrayPool<byte>.Shared.Rent(capacity);
        }

        bool mustWait = false;
        while (true)
        {
            var input = _connection.Input;
            if (mustWait || !input.TryRead(out var result))
            {
                await _connection.FlushAsync();
                (result, var cancel) = await _connection.ReadAsync(timeout, isCommandWait: true);
                if (cancel != ReadCancelReason.None)
                {
                    return new LineRead(LineStatus.Incomplete, 0, cancel, false);
                }
            }

            var status = ExamineLine(result.Buffer, maxLength, authLineLength, out var consumed, out int length);
            if (status != LineStatus.Incomplete)
            {
                input.AdvanceTo(consumed);
                return new LineRead(status, length, ReadCancelReason.None, false);
            }

            input.AdvanceTo(consumed, result.Buffer.End);
            if (result.IsCompleted)
            {
                return new LineRead(LineStatus.Incomplete, 0, ReadCancelReason.None, true);
            }

            mustWait = true;
        }
    }

    private LineStatus ExamineLine(ReadOnlySequence<byte> buffer, int maxLength, int authLineLength, out SequencePosition consumed, out int length)
    {
        var reader = new SequenceReader<byte>(buffer);
        length = 0;
        if (_discardingLine)
        {
            // The rest of an overlong line: dropped as it arrives, never buffered.
            if (!SmtpLineReader.SkipPastLineEnd(ref reader))
            {
                consumed = reader.Position;
                return LineStatus.Incomplete;
            }

            _discardingLine = false;
        }

        if (authLineLength > maxLength && StartsWithAuthVerb(reader))
        {
            maxLength = authLineLength;
        }

        var status = SmtpLineReader.TryReadLine(ref reader, maxLength, out var line);
        if (status == LineStatus.Complete)
        {
            line.CopyTo(_line);
            length = (int)line.Length;
        }
        else if (status == LineStatus.TooLong)
        {
            _discardingLine = true;
        }

        consumed = reader.Position;
        return status;
    }

    private static bool StartsWithAuthVerb(SequenceReader<byte> reader)
    {
        Span<byte> start = stackalloc byte[5];
        return reader.TryCopyTo(start) && System.Text.Ascii.EqualsIgnoreCase(start, "AUTH "u8);
    }
}
