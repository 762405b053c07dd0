using System.Text;
using System.Text.RegularExpressions;

namespace Relaybox.Integration.Tests.Harness.Pty;

/// <summary>
/// Everything a program printed on its terminal, twice: as sent (escape sequences kept) and as plain text
/// (escape sequences stripped), both without \r. Searches run over the plain text from just after the
/// previous match, so a test reads the conversation in order. Thread-safe: the pty reader appends while a
/// test waits.
/// </summary>
public sealed class TerminalTranscript
{
    /// <summary>Bounded: a runaway program cannot eat the test host's memory; the oldest output goes first.</summary>
    public const int MaxChars = 1 << 20;

    private readonly Lock gate = new();
    private readonly StringBuilder raw = new();
    private readonly StringBuilder plain = new();
    private readonly AnsiEscapeStripper stripper = new();
    private readonly Decoder utf8 = new UTF8Encoding(false, false).GetDecoder();
    private int searchFrom;
    private bool ended;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Raw
    {
        get
        {
            lock (gate)
            {
                return raw.ToString();
            }
        }
    }

    public string Plain
    {
        get
        {
            lock (gate)
            {
                return plain.ToString();
            }
        }
    }

    /// <summary>True once no more output can come (the program's side closed, or the line was hung up).</summary>
    public bool HasEnded
    {
        get
        {
            lock (gate)
            {
                return ended;
            }
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        // A UTF-8 character split across two reads is completed by the decoder's carried state.
        char[] chars = new char[utf8.GetCharCount(bytes, flush: false)];
        int count = utf8.GetChars(bytes, chars, flush: false);
        TaskCompletionSource wake;
        lock (gate)
        {
            foreach (char c in chars.AsSpan(0, count))
            {
                if (c == '\r')
                {
                    continue;
                }

                raw.Append(c);
                if (stripper.Keep(c))
                {
                    plain.Append(c);
                }
            }

            TrimToBound();
            wake = Renew();
        }

        wake.TrySetResult();
    }

    public void End()
    {
        TaskCompletionSource wake;
        lock (gate)
        {
            ended = true;
            wake = Renew();
        }

        wake.TrySetResult();
    }

    /// <summary>
    /// Looks for the pattern in the plain text after the previous match. On a match, the search position moves
    /// past it and the result holds the match and the text from the old position to the match's end.
    /// </summary>
    public TranscriptSearch TryConsume(Regex pattern)
    {
        lock (gate)
        {
            string text = plain.ToString();
            var match = pattern.Match(text, searchFrom);
            if (!match.Success)
            {
                return new TranscriptSearch(null, "", ended, changed.Task);
            }

            string consumed = text[searchFrom..(match.Index + match.Length)];
            searchFrom = match.Index + match.Length;
            return new TranscriptSearch(match, consumed, ended, changed.Task);
        }
    }

    /// <summary>The plain text not yet matched by any search.</summary>
    public string Unconsumed
    {
        get
        {
            lock (gate)
            {
                return plain.ToString(searchFrom, plain.Length - searchFrom);
            }
        }
    }

    /// <summary>
    /// The last characters of the raw transcript with control characters made visible (ESC as \e, others as
    /// ^X), for failure messages that show what the screen really received.
    /// </summary>
    public string Tail(int characters)
    {
        string text = Raw;
        string tail = text.Length > characters ? text[^characters..] : text;
        var visible = new StringBuilder(tail.Length + 16);
        foreach (char c in tail)
        {
            if (c == '\u001b')
            {
                visible.Append("\\e");
            }
            else if (c < ' ' && c != '\n' && c != '\t')
            {
                visible.Append('^').Append((char)(c + '@'));
            }
            else if (c == '\u007f')
            {
                visible.Append("^?");
            }
            else
            {
                visible.Append(c);
            }
        }

        return visible.ToString();
    }

    private TaskCompletionSource Renew()
    {
        var previous = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return previous;
    }

    private void TrimToBound()
    {
        if (raw.Length > MaxChars)
        {
            raw.Remove(0, raw.Length - MaxChars / 2);
        }

        if (plain.Length > MaxChars)
        {
            int drop = plain.Length - MaxChars / 2;
            plain.Remove(0, drop);
            searchFrom = Math.Max(0, searchFrom - drop);
        }
    }
}
