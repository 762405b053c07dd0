namespace Relaybox.Smtp.Relay;

/// <summary>
/// One word of the relay restriction list, named after Postfix's smtpd_relay_restrictions /
/// smtpd_recipient_restrictions words so that Postfix users recognise them. The list is evaluated in
/// order; the first word that permits or rejects decides, and every other word says "no opinion".
/// </summary>
public enum RestrictionKind
{
    /// <summary>permit_mynetworks: the client address is in mynetworks.</summary>
    PermitMynetworks,

    /// <summary>permit_sasl_authenticated: the client has authenticated with AUTH.</summary>
    PermitSaslAuthenticated,

    /// <summary>
    /// reject_unauth_destination: the recipient is not ours (see <see cref="DestinationClassifier"/>),
    /// or is ours but written with routing syntax that relaybox never honours.
    /// </summary>
    RejectUnauthDestination,

    /// <summary>reject_sender_login_mismatch: an authenticated client uses a sender it does not own.</summary>
    RejectSenderLoginMismatch,

    /// <summary>reject: refuse unconditionally (the end of a deny-by-default list).</summary>
    Reject,

    /// <summary>permit: accept unconditionally.</summary>
    Permit,
}
