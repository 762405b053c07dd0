using System.Net;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// Where and how patiently to ask. The defaults are glibc's (resolv.conf(5)): 5 s per try, 2 rounds over the
/// servers, at most 3 servers.
/// </summary>
public sealed record DnsClientOptions(IReadOnlyList<IPEndPoint> Servers)
{
    /// <summary>glibc's MAXNS: servers beyond the third are ignored.</summary>
    public const int MaxServers = 3;

    /// <summary>glibc's RES_MAXRETRANS and RES_MAXRETRY bound timeout and attempts to 30 s and 5.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    public const int MaxAttempts = 5;

    /// <summary>How long to wait for one server's answer to one query (glibc default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many rounds over all servers before giving up (glibc default 2).</summary>
    public int Attempts { get; init; } = 2;

    /// <summary>Where a name server listens (RFC 1035 4.2).</summary>
    public const int DefaultPort = 53;
}
