namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// The part of the original message a notice carries back: the whole message or its header section only
/// (RFC 3461 section 4.3 RET, RFC 6522 section 4 text/rfc822-headers), read with a bounded buffer.
/// </summary>
internal sealed record ReturnedOriginal(bool IsFullMessage, byte[] Content, bool HasEightBitOctets)
{
    /// <summary>Reads the whole message; the caller has checked its size against the limit.</summary>
    public static ReturnedOriginal ReadFull(Stream source, long size)
    {
        var content = new byte[size];
        source.ReadExactly(content);
        return new ReturnedOriginal(true, EnsureFinalLineBreak(content), HasEightBit(content));
    }

    /// <summary>
    /// Reads up to the blank line that ends the header section (RFC 5322 section 2.1), at most
    /// <paramref name="limit"/> bytes; a longer header section is cut after its last complete line.
    /// </summary>
    public static ReturnedOriginal ReadHeaders(Stream source, int limit)
    {
        var buffer = new byte[limit];
        int filled = 0;
        int read;
        while (filled < limit && (read = source.Read(buffer, filled, limit - filled)) > 0)
        {
            filled += read;
        }

        var seen = buffer.AsSpan(0, filled);
        int end = seen.IndexOf("\r\n\r\n"u8);
        int length;
        if (end >= 0)
        {
            length = end + 2; // keep the CRLF that ends the last field, drop the blank line
        }
        else if (filled < limit)
        {
            length = filled; // a message with no body: everything is header
        }
        else
        {
            int lastBreak = seen.LastIndexOf("\r\n"u8);
            length = lastBreak < 0 ? 0 : lastBreak + 2;
        }

        byte[] headers = EnsureFinalLineBreak(buffer.AsSpan(0, length).ToArray());
        return new ReturnedOriginal(false, headers, HasEightBit(headers));
    }

    private static bool HasEightBit(ReadOnlySpan<byte> content) => content.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;

    private static byte[] EnsureFinalLineBreak(byte[] content) =>
        content.Length == 0 || content.AsSpan().EndsWith("\r\n"u8) ? content : [.. content, (byte)'\r', (byte)'\n'];
}
