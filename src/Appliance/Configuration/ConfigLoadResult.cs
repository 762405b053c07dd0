using Relaybox.Appliance.Configuration.Options;

namespace Relaybox.Appliance.Configuration;

/// <summary>The outcome of reading relaybox.ini: the typed config when there is no error, and every diagnostic in line order.</summary>
public sealed record ConfigLoadResult(RelayboxConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<ConfigDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
