namespace Relaybox.Appliance.Configuration;

public enum ConfigSeverity
{
    Error,
    Warning,
}
