namespace Relaybox.Appliance.Console;

/// <summary>One read of a terminal line: how it ended and, for <see cref="TerminalLineOutcome.Line"/>,
/// the text (empty for every other outcome, so a partial line can never be mistaken for an entered one).</summary>
public readonly record struct TerminalLineResult(TerminalLineOutcome Outcome, string Text)
{
    public static TerminalLineResult Entered(string text) => new(TerminalLineOutcome.Line, text);
    public static readonly TerminalLineResult Cancelled = new(TerminalLineOutcome.Cancelled, "");
    public static readonly TerminalLineResult EndOfInput = new(TerminalLineOutcome.EndOfInput, "");
    public static readonly TerminalLineResult Disconnected = new(TerminalLineOutcome.Disconnected, "");

    public bool IsLine => Outcome == TerminalLineOutcome.Line;

    // A secret line's text must not reach logs through a record's generated ToString.
    public override string ToString() => IsLine ? $"Line({Text.Length} chars)" : Outcome.ToString();
}
