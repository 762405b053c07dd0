namespace Relaybox.Appliance.Configuration.Options;

/// <summary>The whole of relaybox.ini, typed and with defaults filled in. <see cref="Gpio"/> is null when [gpio] is absent.</summary>
public sealed record RelayboxConfig(
    string SourceFile,
    ServerSection Server,
    ListenSection Listen,
    TlsSection Tls,
    AuthSection Auth,
    RelaySection Relay,
    RewriteSection Rewrite,
    QueueSection Queue,
    LegacySection Legacy,
    GpioSection? Gpio);
