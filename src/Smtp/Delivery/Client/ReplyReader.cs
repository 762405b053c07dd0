namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// Reads complete replies from the upstream stream, keeping whatever the server sent beyond the current
/// reply (PIPELINING, RFC 2920) for the next read. Bounded: a line longer than <see cref="MaxLineLength"/>
/// or a reply with more than <see cref="MaxLines"/> lines ends the connection.
/// </summary>
internal sealed class ReplyReader
{
    /// <summary>
    /// RFC 5321 section 4.5.3.1.5 sets 512 octets (CRLF included) for a reply line; real servers exceed it in
    /// EHLO and rejection texts, so four times that is tolerated (Postfix reads reply lines up to 2 KB too).
    /// </summary>
    public const int MaxLineLength = 2048;

    /// <summary>An EHLO reply is the longest in practice (about 15 lines); 100 bounds a hostile stream.</summary>
    public const int MaxLines = 100;

    private readonly byte[] _buffer = new byte[MaxLineLength + 2];
    private Stream _stream;
    private int _start;
    private int _end;
    private int _lineEndLength;

    public ReplyReader(Stream stream) => _stream = stream;

    /// <summary>True when bytes arrived that no reply has consumed yet.</summary>
    public bool HasBufferedData => _end > _start;

    /// <summary>
    /// Switches to a new stream (after the TLS handshake). Buffered plaintext must not exist at this point:
    /// RFC 3207 section 6 — anything the server sent after "220" to STARTTLS could be injected by an attacker.
    /// </summary>
    public void Rebind(Stream stream)
    {
        if (HasBufferedData)
        {
            throw new UpstreamProtocolException("data after the reply to STARTTLS");
        }

        _stream = stream;
        _start = _end = 0;
    }

    /// <exception cref="UpstreamProtocolException">Malformed, overlong or unending reply.</exception>
    /// <exception cref="IOException">The connection closed or failed.</exception>
    public async ValueTask<UpstreamReply> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        int code = -1;
        while (true)
        {
            int length = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (!ReplyLineParser.TryParse(_buffer.AsSpan(_start, length), out int lineCode, out bool isLast, out string text))
            {
                throw new UpstreamProtocolException("malformed reply line");
            }

            ConsumeLine(length);
            // RFC 5321 section 4.2.1: every line of a multiline reply carries the same code.
            if (code >= 0 && lineCode != code)
            {
                throw new UpstreamProtocolException("reply lines with different codes");
            }

            code = lineCode;
            lines.Add(text);
            if (isLast)
            {
                return new UpstreamReply(code, lines);
            }

            if (lines.Count >= MaxLines)
            {
                throw new UpstreamProtocolException($"reply longer than {MaxLines} lines");
            }
        }
    }

    /// <summary>Makes sure one whole line sits at _start; returns its length without the line end.</summary>
    private async ValueTask<int> ReadLineAsync(CancellationToken cancellationToken)
    {
        int searched = 0;
        while (true)
        {
            int lf = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                int length = searched + lf;
                // A bare LF is accepted as a line end (robustness: a few appliances send it); CR is dropped.
                _lineEndLength = 1;
                if (length > 0 && _buffer[_start + length - 1] == (byte)'\r')
                {
                    length--;
                    _lineEndLength = 2;
                }

                return length;
            }

            searched = _end - _start;
            if (searched >= MaxLineLength)
            {
                throw new UpstreamProtocolException($"reply line longer than {MaxLineLength} octets");
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, searched);
                _start = 0;
                _end = searched;
            }

            int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the upstream closed the connection");
            }

            _end += read;
        }
    }

    private void ConsumeLine(int length)
    {
        _start += length + _lineEndLength;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }
}
