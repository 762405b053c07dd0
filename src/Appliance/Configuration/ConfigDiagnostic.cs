namespace Relaybox.Appliance.Configuration;

/// <summary>
/// One finding about a configuration file. <paramref name="Line"/> is 1-based; 0 means the finding is about
/// the file as a whole (a key that is absent, a combination of keys).
/// </summary>
public sealed record ConfigDiagnostic(ConfigSeverity Severity, string File, int Line, string Message)
{
    public bool IsError => Severity == ConfigSeverity.Error;

    public static ConfigDiagnostic Error(string file, int line, string message) => new(ConfigSeverity.Error, file, line, message);

    public static ConfigDiagnostic Warning(string file, int line, string message) => new(ConfigSeverity.Warning, file, line, message);

    public static ConfigDiagnostic Note(string file, int line, string message) => new(ConfigSeverity.Note, file, line, message);

    /// <summary>The compiler-style form editors and grep understand: "relaybox.ini:12: error: ...".</summary>
    public override string ToString()
    {
        string where = Line > 0 ? $"{File}:{Line}" : File;
        string severity = Severity switch
        {
            ConfigSeverity.Error => "error",
            ConfigSeverity.Warning => "warning",
            _ => "note",
        };
        return $"{where}: {severity}: {Message}";
    }
}
