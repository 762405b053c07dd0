namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// What a notice reports, which decides who asked for it (RFC 3461 section 4.1 NOTIFY keywords) and how
/// much of the original returns with it (RFC 3461 section 4.3: the full content only for failures).
/// </summary>
public enum DsnReportKind
{
    /// <summary>Permanent failure or expiry: NOTIFY=FAILURE (or NOTIFY absent).</summary>
    Failure,

    /// <summary>A delay warning while retries go on: NOTIFY=DELAY (or NOTIFY absent).</summary>
    Delay,

    /// <summary>A success notice: only when NOTIFY=SUCCESS was asked for explicitly.</summary>
    Success,
}
