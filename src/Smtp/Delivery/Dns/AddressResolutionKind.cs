namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>What the name service says about one host name.</summary>
public enum AddressResolutionKind
{
    /// <summary>At least one A or AAAA address.</summary>
    Found,

    /// <summary>NXDOMAIN, or a name that cannot exist. Permanent.</summary>
    NoSuchHost,

    /// <summary>The name exists but has neither A nor AAAA records. Permanent.</summary>
    NoAddresses,

    /// <summary>SERVFAIL, timeouts, an overlong CNAME chain: try again later.</summary>
    Temporary,
}
