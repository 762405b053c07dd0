namespace Relaybox.Appliance.Configuration.Ini;

/// <summary>
/// One physical line of an INI file, kept verbatim (<see cref="Text"/> plus its <see cref="Terminator"/>) so an
/// unchanged document serialises to the same bytes, with what the parser understood from it.
/// </summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Number">1-based line number in the current document.</param>
/// <param name="Text">The line without its terminator.</param>
/// <param name="Terminator">"\n", "\r\n", or "" for a last line without one.</param>
/// <param name="Section">For a section header its name; for a key the section it sits in ("" before any header).</param>
/// <param name="Key">The key, trimmed (KeyValue only, else "").</param>
/// <param name="Value">The value: trimmed, quotes removed (KeyValue only, else "").</param>
/// <param name="ValueStart">Where the value's raw text (quotes included) starts in <see cref="Text"/>.</param>
/// <param name="ValueEnd">Where the value's raw text ends (exclusive).</param>
/// <param name="CommentStart">Index of the ';' or '#' of a trailing comment, or -1.</param>
/// <param name="Problem">Why an <see cref="IniLineKind.Invalid"/> line is invalid.</param>
public sealed record IniLine(
    IniLineKind Kind,
    int Number,
    string Text,
    string Terminator,
    string Section,
    string Key,
    string Value,
    int ValueStart,
    int ValueEnd,
    int CommentStart,
    string? Problem)
{
    public bool HasComment => CommentStart >= 0;
}
