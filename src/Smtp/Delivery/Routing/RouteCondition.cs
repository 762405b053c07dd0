namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// What an attempt showed about the route as a whole. <see cref="Healthy"/>: an upstream was reached and took
/// part in the dialogue (whatever it said about the recipients), so earlier route problems are over.
/// </summary>
public enum RouteCondition
{
    Healthy,

    /// <summary>The smarthost refused relaybox's login (535): retrying will not help until the owner fixes it.</summary>
    SmarthostLoginRefused,

    /// <summary>The smarthost's certificate failed verification (untrusted, wrong name, pin mismatch).</summary>
    SmarthostCertificateRejected,

    /// <summary>No connection to the smarthost could be made (refused, timed out, DNS).</summary>
    SmarthostUnreachable,

    /// <summary>MX delivery: connections to port 25 timed out for every MX host (a provider blocking outbound port 25).</summary>
    OutboundPortBlocked,

    /// <summary>Nothing to say about the route (e.g. the recipient domain does not exist, or DNS failed for it).</summary>
    Unknown,
}
