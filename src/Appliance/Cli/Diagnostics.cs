using Relaybox.Appliance.Configuration;

namespace Relaybox.Appliance.Cli;

/// <summary>Prints config diagnostics as "file:line: error: message", the form editors jump to.</summary>
public static class Diagnostics
{
    public static void Print(IEnumerable<ConfigDiagnostic> diagnostics, TextWriter output)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }
    }
}
