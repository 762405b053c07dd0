namespace Relaybox.Smtp.Server;

/// <summary>
/// Decodes DATA content (RFC 5321 section 4.1.1.4 and 4.5.2): removes the leading dot of stuffed lines and
/// stops after the terminating CRLF "." CRLF. Only that exact sequence ends the data. A CR not followed by
/// LF, or an LF not preceded by CR, is a protocol violation (the SMTP smuggling attacks hide a second
/// message behind "\n.\n" or "\r.\r\n"): from then on nothing more is emitted, but decoding continues
/// until the real CRLF.CRLF so the session stays in step with the client (chasquid dotreader.go).
/// The state carries over between calls, so any split of the input gives the same result.
/// </summary>
internal sealed class DataDecoder
{
    private State _state = State.LineStart; // the CRLF that ended the DATA command starts the first line

    private enum State
    {
        LineStart,
        InLine,
        CarriageReturn,
        LineStartDot,
        DotCarriageReturn,
        Done,
    }

    /// <summary>A bare CR or LF was seen; the content must be refused.</summary>
    public bool SawBareNewline { get; private set; }

    public bool IsComplete => _state == State.Done;

    /// <summary>
    /// Decodes from <paramref name="input"/> into <paramref name="output"/>. Stops at the end of the data, when
    /// the input is used up, or when the output is full (at most 2 bytes of output per input byte).
    /// </summary>
    public void Decode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed, out int written)
    {
        consumed = 0;
        written = 0;
        while (consumed < input.Length && _state != State.Done && written + 2 <= output.Length)
        {
            byte b = input[consumed++];
            switch (_state)
            {
                case State.LineStart:
                    if (b == (byte)'.')
                    {
                        _state = State.LineStartDot;
                    }
                    else
                    {
                        Ordinary(b, output, ref written);
                    }

                    break;
                case State.InLine:
                    Ordinary(b, output, ref written);
                    break;
                case State.CarriageReturn:
                    if (b == (byte)'\n')
                    {
                        Emit(output, ref written, (byte)'\r', (byte)'\n');
                        _state = State.LineStart;
                    }
                    else
                    {
                        Violation();
                        Ordinary(b, output, ref written);
                    }

                    break;
                case State.LineStartDot:
                    if (b == (byte)'\r')
                    {
                        _state = State.DotCarriageReturn;
                    }
                    else
                    {
                        // The dot is dropped whatever follows it ("..x" becomes ".x"), as section 4.5.2 says.
                        Ordinary(b, output, ref written);
                    }

                    break;
                case State.DotCarriageReturn:
                    if (b == (byte)'\n')
                    {
                        _state = State.Done;
                    }
                    else
                    {
                        // ".\r" then something else: the dot stays dropped, the CR was bare.
                        Violation();
                        Ordinary(b, output, ref written);
                    }

                    break;
            }
        }
    }

    private void Ordinary(byte b, Span<byte> output, ref int written)
    {
        if (b == (byte)'\r')
        {
            _state = State.CarriageReturn;
            return;
        }

        if (b == (byte)'\n')
        {
            Violation();
            _state = State.InLine;
            return;
        }

        Emit(output, ref written, b);
        _state = State.InLine;
    }

    private void Violation() => SawBareNewline = true;

    private void Emit(Span<byte> output, ref int written, byte b)
    {
        if (!SawBareNewline)
        {
            output[written++] = b;
        }
    }

    private void Emit(Span<byte> output, ref int written, byte first, byte second)
    {
        if (!SawBareNewline)
        {
            output[written++] = first;
            output[written++] = second;
        }
    }
}
