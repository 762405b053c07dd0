namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>How a query ended.</summary>
public enum DnsQueryStatus
{
    /// <summary>A server answered NOERROR; the answer section may still be empty (the name has no such records).</summary>
    Answer,

    /// <summary>A server answered NXDOMAIN: the name does not exist. Permanent.</summary>
    NameError,

    /// <summary>The name cannot be asked for at all (see <see cref="DnsNameError"/>). Permanent.</summary>
    InvalidName,

    /// <summary>Every server that answered said SERVFAIL, REFUSED or the like, or sent garbage. Temporary.</summary>
    ServerFailure,

    /// <summary>No server answered in time (or all were unreachable). Temporary.</summary>
    Timeout,
}
