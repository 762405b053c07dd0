namespace Relaybox.Appliance.Configuration;

public enum ConfigSeverity
{
    Error,
    Warning,

    /// <summary>A deliberate setting worth being reminded of (e.g. delivery turned off); never a problem.</summary>
    Note,
}
