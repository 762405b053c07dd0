namespace Relaybox.Appliance.Configuration.Options;

/// <summary>The words of [relay] restrictions, with Postfix's meaning (smtpd_relay_restrictions).</summary>
public enum RelayRestriction
{
    PermitMynetworks,
    PermitSaslAuthenticated,
    RejectUnauthDestination,
    RejectSenderLoginMismatch,
    Reject,
    Permit,
}
