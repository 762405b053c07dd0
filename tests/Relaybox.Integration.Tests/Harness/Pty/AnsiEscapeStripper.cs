namespace Relaybox.Integration.Tests.Harness.Pty;

/// <summary>
/// Drops terminal escape sequences from a character stream fed one character at a time, so a sequence split
/// across two reads is still removed whole: CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), SS3
/// (ESC O x) and the two- or three-character ESC forms (ESC 7, ESC ( B). Other control characters (\b, \a,
/// \n) are kept: they are part of what a line editor shows.
/// </summary>
public sealed class AnsiEscapeStripper
{
    private enum State
    {
        Text,
        Escape,
        EscapeIntermediate,
        Csi,
        Osc,
        OscEscape,
        SingleShift,
    }

    private const char Esc = '\u001b', Bel = '\u0007';

    private State state = State.Text;

    /// <summary>True if the character is visible text, false if it belongs to an escape sequence.</summary>
    public bool Keep(char c)
    {
        switch (state)
        {
            case State.Text:
                if (c == Esc)
                {
                    state = State.Escape;
                    return false;
                }

                return true;
            case State.Escape:
                state = c switch
                {
                    '[' => State.Csi,
                    ']' => State.Osc,
                    'O' => State.SingleShift,
                    >= ' ' and <= '/' => State.EscapeIntermediate,
                    _ => State.Text,
                };
                return false;
            case State.EscapeIntermediate:
                if (c is < ' ' or > '/')
                {
                    state = State.Text;
                }

                return false;
            case State.Csi:
                // ECMA-48 5.4: parameter and intermediate bytes 0x20–0x3F, then one final byte 0x40–0x7E.
                if (c is >= '@' and <= '~')
                {
                    state = State.Text;
                }

                return false;
            case State.Osc:
                if (c == Bel)
                {
                    state = State.Text;
                }
                else if (c == Esc)
                {
                    state = State.OscEscape;
                }

                return false;
            case State.OscEscape:
                state = c == '\\' ? State.Text : State.Osc;
                return false;
            default: // SingleShift: one character follows ESC O
                state = State.Text;
                return false;
        }
    }

    /// <summary>The whole text without its escape sequences (a fresh stripper, for one complete string).</summary>
    public static string Strip(string text)
    {
        var stripper = new AnsiEscapeStripper();
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (stripper.Keep(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
