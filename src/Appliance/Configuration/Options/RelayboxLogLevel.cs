namespace Relaybox.Appliance.Configuration.Options;

/// <summary>[server] log_level: the least severe events written.</summary>
public enum RelayboxLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
