namespace Relaybox.Appliance.Configuration.Commands;

/// <summary>
/// "relaybox config check": every diagnostic as "file:line: error: ...", then a summary line. Beyond what the daemon
/// checks at start it also looks at the files the configuration names (metadata only).
/// </summary>
public static class ConfigCheck
{
    public const int ExitOk = 0;
    public const int ExitInvalid = 1;

    /// <returns>0 when the file has no errors (warnings allowed), 1 otherwise (including an unreadable file).</returns>
    public static int Run(string path, TextWriter output)
    {
        ConfigLoadResult result = ConfigLoader.Load(path, checkReferencedFiles: true);
        foreach (ConfigDiagnostic diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        int errors = result.Errors.Count();
        int warnings = result.Warnings.Count();
        output.WriteLine(errors == 0
            ? $"{path}: OK{(warnings == 0 ? "" : $" ({Plural(warnings, "warning")})")}"
            : $"{path}: {Plural(errors, "error")}, {Plural(warnings, "warning")}");
        return errors == 0 ? ExitOk : ExitInvalid;
    }

    internal static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
