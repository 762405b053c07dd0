using Relaybox.Appliance.Configuration.Options;

namespace Relaybox.Appliance.Configuration;

/// <summary>The outcome of reading relaybox.ini: the typed config when there is no error, and every diagnostic in line order.</summary>
public sealed record ConfigLoadResult(RelayboxConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<ConfigDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == ConfigSeverity.Warning);

    /// <summary>Reminders of deliberate settings ("delivery is off"), printed as "note:"; they never make a file invalid.</summary>
    public IEnumerable<ConfigDiagnostic> Notes => Diagnostics.Where(d => d.Severity == ConfigSeverity.Note);
}
