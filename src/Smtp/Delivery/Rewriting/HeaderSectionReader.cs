using System.Text;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// Reads the header section at the start of a message (RFC 5322 section 2.1) and nothing more: it stops at the
/// first empty line, keeps at most a bounded number of octets, and hands back the rest of the content as a
/// stream, so the body is never buffered or changed.
/// </summary>
public static class HeaderSectionReader
{
    /// <summary>
    /// Default bound on the header section. Postfix's header_size_limit is 100 KiB; relaybox allows more
    /// because a larger section is not refused, only passed on without rewriting.
    /// </summary>
    public const int DefaultMaxHeaderOctets = 256 * 1024;

    private const int InitialBufferSize = 4096;

    public static async ValueTask<HeaderRead> ReadAsync(Stream content, int maxHeaderOctets = DefaultMaxHeaderOctets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeaderOctets, 1);

        var buffer = new byte[Math.Min(InitialBufferSize, maxHeaderOctets)];
        int filled = 0;
        var scanner = new Scanner();
        while (true)
        {
            if (scanner.ScanLines(buffer.AsMemory(0, filled)) is { } section)
            {
                return new HeaderRead(section, new PrefixedStream(buffer.AsMemory(section.Length, filled - section.Length), content));
            }

            if (filled == buffer.Length)
            {
                if (filled >= maxHeaderOctets)
                {
                    // Too large to rewrite: replay what was read, then the rest, untouched.
                    return new HeaderRead(null, new PrefixedStream(buffer.AsMemory(0, filled), content));
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxHeaderOctets));
            }

            int read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                var last = scanner.Finish(buffer.AsMemory(0, filled));
                return new HeaderRead(last, new PrefixedStream(buffer.AsMemory(last.Length, filled - last.Length), content));
            }

            filled += read;
        }
    }

    /// <summary>
    /// The length of a field name followed by optional white space and a colon, or -1 when the line does not
    /// start a header field. field-name = 1*ftext (printable ASCII but ':'), RFC 5322 section 3.6.8; white
    /// space before the colon is the obsolete syntax of section 4.5, still produced by old devices.
    /// </summary>
    internal static int FieldNameLength(ReadOnlySpan<byte> line, out int colon)
    {
        colon = -1;
        int name = 0;
        while (name < line.Length && line[name] is >= 33 and <= 126 and not (byte)':')
        {
            name++;
        }

        int position = name;
        while (position < line.Length && line[position] is (byte)' ' or (byte)'\t')
        {
            position++;
        }

        if (name == 0 || position >= line.Length || line[position] != (byte)':')
        {
            return -1;
        }

        colon = position;
        return name;
    }

    /// <summary>Line-by-line state over the growing buffer: the fields found so far and the open one.</summary>
    private sealed class Scanner
    {
        private readonly List<HeaderField> _fields = [];
        private int _lineStart;
        private int _fieldStart = -1;
        private int _fieldNameLength;
        private int _fieldValueOffset;

        public HeaderSection? ScanLines(ReadOnlyMemory<byte> data)
        {
            var span = data.Span;
            while (true)
            {
                int lf = span[_lineStart..].IndexOf((byte)'\n');
                if (lf < 0)
                {
                    return null;
                }

                int lineEnd = _lineStart + lf + 1;
                if (Classify(data, lineEnd) is { } section)
                {
                    return section;
                }

                _lineStart = lineEnd;
            }
        }

        /// <summary>At the end of the content: a last line without line end is a field, a continuation or body.</summary>
        public HeaderSection Finish(ReadOnlyMemory<byte> data)
        {
            if (_lineStart == data.Length)
            {
                CloseField(data, data.Length);
                return new HeaderSection(_fields, HeaderSectionEnd.EndOfContent, ReadOnlyMemory<byte>.Empty, data.Length);
            }

            return Classify(data, data.Length) ?? Finish(data);
        }

        private HeaderSection? Classify(ReadOnlyMemory<byte> data, int lineEnd)
        {
            var line = data.Span[_lineStart..lineEnd];
            if (line.SequenceEqual("\r\n"u8) || line.SequenceEqual("\n"u8))
            {
                CloseField(data, _lineStart);
                return new HeaderSection(_fields, HeaderSectionEnd.EmptyLine, data[_lineStart..lineEnd], lineEnd);
            }

            if (line[0] is (byte)' ' or (byte)'\t' && _fieldStart >= 0)
            {
                _lineStart = lineEnd;
                return null; // a folded continuation of the open field (RFC 5322 section 2.2.3)
            }

            int nameLength = FieldNameLength(line, out int colon);
            if (nameLength < 0)
            {
                CloseField(data, _lineStart);
                return new HeaderSection(_fields, HeaderSectionEnd.BodyWithoutSeparator, ReadOnlyMemory<byte>.Empty, _lineStart);
            }

            CloseField(data, _lineStart);
            _fieldStart = _lineStart;
            _fieldNameLength = nameLength;
            _fieldValueOffset = colon + 1;
            _lineStart = lineEnd;
            return null;
        }

        private void CloseField(ReadOnlyMemory<byte> data, int end)
        {
            if (_fieldStart < 0)
            {
                return;
            }

            var raw = data[_fieldStart..end];
            string name = Encoding.ASCII.GetString(raw.Span[.._fieldNameLength]);
            _fields.Add(new HeaderField(name, raw, _fieldValueOffset));
            _fieldStart = -1;
        }
    }
}
