namespace Relaybox.Appliance.Console;

/// <summary>How one read of a terminal line ended.</summary>
public enum TerminalLineOutcome
{
    /// <summary>CR, LF or CRLF ended the line; the text is what was on it.</summary>
    Line,

    /// <summary>Ctrl-C: the operator abandoned the line; nothing typed on it counts.</summary>
    Cancelled,

    /// <summary>Ctrl-D on an empty line: the operator is done (like EOF at a shell prompt).</summary>
    EndOfInput,

    /// <summary>The stream ended (cable pulled, hangup); any half-typed line is discarded.</summary>
    Disconnected,
}
