namespace Relaybox.Appliance.Console.Terminal;

/// <summary>
/// What the terminal on the other end of the cable can show, decided from TERM alone: a serial line gives
/// no other clue. Nothing depends on it: every message reads the same in plain text (errors start with "!",
/// headings are their own lines); bold and colour only add emphasis where the terminal says it has them.
/// Cursor movement is never used, so a dumb terminal, a logging serial server and a pty test all see the
/// same lines.
/// </summary>
public sealed record TerminalStyle(bool Bold, bool Colour)
{
    public static TerminalStyle Plain { get; } = new(false, false);

    private const string Reset = "\u001b[0m";

    /// <summary>TERM unset, "dumb" or "unknown": plain text. The vt100 family: bold, no colour. Terminals known
    /// to take ANSI colour (xterm, linux console, screen, tmux, rxvt, anything "-color"): both, unless NO_COLOR.</summary>
    public static TerminalStyle FromEnvironment(string? term, string? noColor)
    {
        string name = (term ?? "").Trim().ToLowerInvariant();
        if (name is "" or "dumb" or "unknown" || name.StartsWith("dumb", StringComparison.Ordinal))
        {
            return Plain;
        }

        bool colour = name.Contains("color", StringComparison.Ordinal)
            || name.StartsWith("xterm", StringComparison.Ordinal)
            || name.StartsWith("linux", StringComparison.Ordinal)
            || name.StartsWith("screen", StringComparison.Ordinal)
            || name.StartsWith("tmux", StringComparison.Ordinal)
            || name.StartsWith("rxvt", StringComparison.Ordinal)
            || name.StartsWith("putty", StringComparison.Ordinal);
        bool bold = colour || name.StartsWith("vt1", StringComparison.Ordinal) || name.StartsWith("vt2", StringComparison.Ordinal)
            || name.StartsWith("vt3", StringComparison.Ordinal) || name.StartsWith("vt4", StringComparison.Ordinal)
            || name.StartsWith("ansi", StringComparison.Ordinal);
        return new TerminalStyle(bold, colour && string.IsNullOrEmpty(noColor));
    }

    public string Heading(string text) => Bold ? "\u001b[1m" + text + Reset : text;

    public string Problem(string text) => Colour ? "\u001b[31m" + text + Reset : Bold ? "\u001b[1m" + text + Reset : text;

    public string Good(string text) => Colour ? "\u001b[32m" + text + Reset : text;
}
