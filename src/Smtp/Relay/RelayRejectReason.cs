namespace Relaybox.Smtp.Relay;

/// <summary>Why the policy refused; the SMTP layer maps each to exactly one reply.</summary>
public enum RelayRejectReason
{
    None,
    /// <summary>reject_unauth_destination: not ours and the client may not relay (554 5.7.1 Relay access denied).</summary>
    RelayAccessDenied,
    /// <summary>reject_sender_login_mismatch (553 5.7.1).</summary>
    SenderLoginMismatch,
    /// <summary>The login's messages-per-hour quota is used up (452 4.7.1, retry later).</summary>
    QuotaExceeded,
    /// <summary>An explicit "reject" restriction was reached (554 5.7.1 Access denied).</summary>
    AccessDenied,
    /// <summary>The recipient uses routing syntax (percent hack, bang path) that relaybox never honours (550 5.7.1).</summary>
    RoutingSyntaxRefused,
}
