using System.Net;

namespace Relaybox.Appliance.Configuration.Options;

/// <summary>[server]: identity, state directory, trusted networks and the session limits.</summary>
public sealed record ServerSection(
    string Hostname,
    string DataDir,
    IReadOnlyList<IPNetwork> MyNetworks,
    long MessageSizeLimit,
    int MaxRecipients,
    bool AuthenticatedHeader,
    int MaxConnections,
    int MaxConnectionsPerIp,
    int MaxErrors,
    int LineLengthLimit,
    TimeSpan CommandTimeout,
    TimeSpan DataTimeout,
    RelayboxLogLevel LogLevel);
