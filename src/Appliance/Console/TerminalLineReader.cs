using System.Text;

namespace Relaybox.Appliance.Console;

/// <summary>
/// Reads one line at a time from a dumb terminal (serial console at 115200 8N1, a pty, or a test's
/// in-memory stream) and does the line editing itself, because the tty is in raw mode: the kernel's
/// canonical mode would echo passwords and its editing differs between gettys.
/// Keys: printable UTF-8 is stored and echoed; Backspace (0x08) and DEL (0x7F) erase one whole UTF-8
/// character; Ctrl-U erases the line; Ctrl-W erases the previous word; CR, LF or CRLF end the line
/// (CRLF counts once, even when the LF arrives in the next read); Ctrl-C cancels the line; Ctrl-D on an
/// empty line ends input; other control bytes and escape sequences (arrow keys: ESC [ ... final) are
/// dropped silently. The line is bounded: a byte that would exceed <see cref="MaxLineBytes"/> rings the
/// bell (0x07) and is dropped. End of stream yields <see cref="TerminalLineOutcome.Disconnected"/>,
/// never the half-typed line, so a pulled cable cannot commit a partial value.
/// Not thread-safe: one reader per terminal.
/// </summary>
public sealed class TerminalLineReader
{
    public const int DefaultMaxLineBytes = 1024;

    const byte CtrlC = 0x03, CtrlD = 0x04, Bell = 0x07, Backspace = 0x08, LineFeed = 0x0A,
        CarriageReturn = 0x0D, CtrlU = 0x15, CtrlW = 0x17, Escape = 0x1B, Delete = 0x7F;

    static readonly byte[] EraseOneCell = "\b \b"u8.ToArray();
    static readonly byte[] NewLine = "\r\n"u8.ToArray();
    static readonly byte[] CancelEcho = "^C\r\n"u8.ToArray();
    static readonly byte[] BellEcho = [Bell];

    readonly Stream _input;
    readonly Stream _echo;
    readonly byte[] _line;
    readonly byte[] _readBuffer = new byte[256];
    int _readStart, _readEnd;
    int _lineLength;
    bool _swallowLineFeed;      // the previous line ended with CR: an LF right after it is the same line end
    EscapeState _escape;
    int _droppedContinuations;  // continuation bytes of a UTF-8 character that did not fit

    enum EscapeState { None, AfterEscape, ControlSequence, SingleShift }

    public TerminalLineReader(Stream input, Stream echo, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(echo);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 4); // room for one 4-byte UTF-8 character
        _input = input;
        _echo = echo;
        _line = new byte[maxLineBytes];
    }

    /// <summary>The most bytes (UTF-8) one line may hold.</summary>
    public int MaxLineBytes => _line.Length;

    /// <summary>Reads the next line, echoing what is typed.</summary>
    public TerminalLineResult ReadLine() => Read(secret: false);

    /// <summary>Reads the next line without echoing any typed character (passwords); the editing keys
    /// work the same. Only the line end ("\r\n") and a cancel ("^C") are echoed, and no bell rings,
    /// so the echo reveals nothing about the length or content of the secret.</summary>
    public TerminalLineResult ReadSecretLine() => Read(secret: true);

    TerminalLineResult Read(bool secret)
    {
        _lineLength = 0;
        _escape = EscapeState.None;
        _droppedContinuations = 0;
        try
        {
            return ReadUntilLineEnds(secret);
        }
        catch (IOException)
        {
            // A hung-up tty reports EIO rather than end of file (a pty whose master closed, a serial
            // port whose device went away); for the operator both mean the line is gone.
            return TerminalLineResult.Disconnected;
        }
        finally
        {
            // A secret must not linger in the reusable buffer after the call.
            Array.Clear(_line, 0, _lineLength);
            _lineLength = 0;
        }
    }

    TerminalLineResult ReadUntilLineEnds(bool secret)
    {
        while (true)
        {
            if (_readStart == _readEnd)
            {
                _echo.Flush();
                int count = _input.Read(_readBuffer, 0, _readBuffer.Length);
                if (count <= 0)
                    return TerminalLineResult.Disconnected;
                _readStart = 0;
                _readEnd = count;
            }
            byte b = _readBuffer[_readStart++];
            if (Accept(b, secret) is { } result)
            {
                _echo.Flush();
                return result;
            }
        }
    }

    TerminalLineResult? Accept(byte b, bool secret)
    {
        bool swallowLineFeed = _swallowLineFeed;
        _swallowLineFeed = false;
        if (swallowLineFeed && b == LineFeed)
            return null;

        if (_escape != EscapeState.None && ConsumedByEscape(b))
            return null;

        if (_droppedContinuations > 0)
        {
            _droppedContinuations--;
            if (IsContinuation(b))
                return null;
            _droppedContinuations = 0;
        }

        switch (b)
        {
            case CarriageReturn:
            case LineFeed:
                _swallowLineFeed = b == CarriageReturn;
                _echo.Write(NewLine);
                return TerminalLineResult.Entered(Encoding.UTF8.GetString(_line, 0, _lineLength));
            case CtrlC:
                _echo.Write(CancelEcho);
                return TerminalLineResult.Cancelled;
            case CtrlD:
                if (_lineLength != 0)
                    return null; // like a shell: Ctrl-D only means "done" on an empty line
                _echo.Write(NewLine);
                return TerminalLineResult.EndOfInput;
            case Backspace:
            case Delete:
                if (EraseCharacter() && !secret)
                    _echo.Write(EraseOneCell);
                return null;
            case CtrlU:
                EraseWhile(secret, static (_, _) => true);
                return null;
            case CtrlW:
                EraseWord(secret);
                return null;
            case Escape:
                _escape = EscapeState.AfterEscape;
                return null;
        }

        if (b < 0x20)
            return null; // other control bytes: no meaning on this console, no echo
        Store(b, secret);
        return null;
    }

    /// <summary>Returns true when the byte belongs to an escape sequence (and is dropped). Sequences
    /// follow ECMA-48: ESC [ parameters/intermediates final (CSI, 0x40–0x7E ends it), ESC O x (SS3, what
    /// many terminals send for arrow and function keys), or ESC x for any other single byte.</summary>
    bool ConsumedByEscape(byte b)
    {
        switch (_escape)
        {
            case EscapeState.AfterEscape:
                if (b == Escape)
                    return true; // ESC ESC: still waiting for the sequence
                _escape = b switch { (byte)'[' => EscapeState.ControlSequence, (byte)'O' => EscapeState.SingleShift, _ => EscapeState.None };
                return b >= 0x20; // a control byte right after ESC keeps its own meaning (ESC then Enter)
            case EscapeState.SingleShift:
                _escape = EscapeState.None;
                return b >= 0x20;
            case EscapeState.ControlSequence:
                if (b is >= 0x20 and <= 0x3F)
                    return true; // parameter and intermediate bytes
                _escape = EscapeState.None;
                return b is >= 0x40 and <= 0x7E; // the final byte; anything else aborts and is processed
            default:
                return false;
        }
    }

    void Store(byte b, bool secret)
    {
        int needed = IsContinuation(b) ? 1 : Utf8SequenceLength(b);
        if (_lineLength + needed > _line.Length)
        {
            if (!secret)
                _echo.Write(BellEcho);
            if (!IsContinuation(b))
                _droppedContinuations = needed - 1; // drop the rest of a character that cannot fit whole
            return;
        }
        _line[_lineLength++] = b;
        if (!secret)
            _echo.WriteByte(b); // the terminal assembles the UTF-8 character from the echoed bytes
    }

    /// <summary>Removes the last whole UTF-8 character (its continuation bytes and lead byte).</summary>
    bool EraseCharacter()
    {
        if (_lineLength == 0)
            return false;
        while (_lineLength > 1 && IsContinuation(_line[_lineLength - 1]))
            _line[--_lineLength] = 0;
        _line[--_lineLength] = 0;
        return true;
    }

    void EraseWord(bool secret)
    {
        bool seenWord = false;
        EraseWhile(secret, (last, _) =>
        {
            bool space = last == (byte)' ';
            if (!space)
                seenWord = true;
            return !space || !seenWord; // trailing spaces first, then the word up to the space before it
        });
    }

    void EraseWhile(bool secret, Func<byte, int, bool> shouldErase)
    {
        while (_lineLength > 0 && shouldErase(LastCharacterLeadByte(), _lineLength))
        {
            EraseCharacter();
            if (!secret)
                _echo.Write(EraseOneCell);
        }
    }

    byte LastCharacterLeadByte()
    {
        int i = _lineLength - 1;
        while (i > 0 && IsContinuation(_line[i]))
            i--;
        return _line[i];
    }

    static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    // RFC 3629 section 4: the lead byte gives the sequence length. Invalid lead bytes count as one byte
    // so they can be erased; decoding turns them into U+FFFD.
    static int Utf8SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC2 and <= 0xDF => 2,
        >= 0xE0 and <= 0xEF => 3,
        >= 0xF0 and <= 0xF4 => 4,
        _ => 1,
    };
}
