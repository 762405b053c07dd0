using System.Buffers;

namespace Relaybox.Smtp.Protocol;

/// <summary>
/// Finds command lines in buffered input. The search for the line end is cut at the limit first, so a client
/// that never sends CRLF cannot make the server scan or keep more than one line's worth of bytes
/// (the idea of Kestrel's TakeStartLine and chasquid's readLine).
/// </summary>
public static class SmtpLineReader
{
    /// <summary>
    /// Reads one line of at most <paramref name="maxLength"/> octets plus CRLF. On <see cref="LineStatus.Complete"/>
    /// <paramref name="line"/> excludes the CRLF and <paramref name="reader"/> is past it.
    /// </summary>
    public static LineStatus TryReadLine(ref SequenceReader<byte> reader, int maxLength, out ReadOnlySequence<byte> line)
    {
        line = default;
        long window = Math.Min(reader.Remaining, (long)maxLength + 2);
        var limited = new SequenceReader<byte>(reader.UnreadSequence.Slice(0, window));
        if (!limited.TryReadTo(out ReadOnlySequence<byte> withCarriageReturn, (byte)'\n', advancePastDelimiter: true))
        {
            return window == (long)maxLength + 2 ? LineStatus.TooLong : LineStatus.Incomplete;
        }

        reader.Advance(limited.Consumed);
        // RFC 5321 section 2.3.8: lines end in CRLF; a bare LF is not a line end relaybox will honour.
        if (withCarriageReturn.IsEmpty || !EndsWithCarriageReturn(withCarriageReturn))
        {
            return LineStatus.BareLineFeed;
        }

        line = withCarriageReturn.Slice(0, withCarriageReturn.Length - 1);
        return LineStatus.Complete;
    }

    /// <summary>
    /// Discards input up to and including the next LF. Returns true when the line end was found; false when
    /// everything buffered was discarded and more must be read.
    /// </summary>
    public static bool SkipPastLineEnd(ref SequenceReader<byte> reader)
    {
        if (reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: true))
        {
            return true;
        }

        reader.AdvanceToEnd();
        return false;
    }

    private static bool EndsWithCarriageReturn(ReadOnlySequence<byte> sequence)
    {
        var last = sequence.Slice(sequence.Length - 1);
        return last.FirstSpan[0] == (byte)'\r';
    }
}
