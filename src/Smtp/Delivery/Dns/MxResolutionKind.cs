namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>What the name service says about delivering to a domain (RFC 5321 5.1, RFC 7505).</summary>
public enum MxResolutionKind
{
    /// <summary>MX records named hosts with addresses: try them in the order given.</summary>
    Hosts,

    /// <summary>No MX records, but the domain has A/AAAA records: it is its own mail host with preference 0
    /// (RFC 5321 5.1, "implicit MX").</summary>
    ImplicitMx,

    /// <summary>The domain publishes the null MX "." (RFC 7505): it accepts no mail. Permanent; refuse with
    /// 556 5.1.10 (RFC 7505 4.2).</summary>
    NullMx,

    /// <summary>NXDOMAIN, or a name that cannot exist in the DNS. Permanent.</summary>
    NoSuchDomain,

    /// <summary>The domain exists, but neither its MX hosts nor the domain itself have an address: it is not a
    /// mail domain (RFC 5321 5.1). Permanent.</summary>
    NoMailHost,

    /// <summary>SERVFAIL, timeouts, unreachable servers, an overlong CNAME chain: try again later.</summary>
    Temporary,
}
