namespace Relaybox.Appliance.Configuration.Ini;

public enum IniLineKind
{
    Blank,
    /// <summary>A whole-line comment: the first non-blank character is ';' or '#'.</summary>
    Comment,
    /// <summary>"[name]", optionally followed by a comment.</summary>
    Section,
    /// <summary>"key = value", optionally followed by a comment.</summary>
    KeyValue,
    /// <summary>A line that is none of the above; kept verbatim so the file still round-trips.</summary>
    Invalid,
}
