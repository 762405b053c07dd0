using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// What a notice says about one recipient (one RFC 3464 section 2.3 per-recipient block).
/// <paramref name="Status"/> is an RFC 3463 "x.y.z" code; <paramref name="RemoteMta"/> the host name of the
/// server that answered (null when none did); <paramref name="Diagnostic"/> that server's reply as
/// "550 5.1.1 text" (null when there was none, e.g. a connection failure, then <paramref name="Detail"/>
/// explains it to people); <paramref name="WillRetryUntil"/> is set for delays only.
/// </summary>
public sealed record DsnRecipientStatus(
    EnvelopeRecipient Recipient,
    DsnAction Action,
    string Status,
    string? RemoteMta,
    string? Diagnostic,
    string Detail,
    DateTimeOffset? LastAttempt,
    DateTimeOffset? WillRetryUntil)
{
    /// <summary>
    /// Builds the block from a delivery client result: Failed becomes "failed", Deferred "delayed",
    /// Delivered "relayed" (relaybox hands mail on to a next hop, RFC 3464 section 2.3.3). The status is the
    /// reply's enhanced code, or the generic "x.0.0" of its class when the server sent none (RFC 3463 section 3.1).
    /// </summary>
    public static DsnRecipientStatus From(RecipientResult result, string? remoteMta, DateTimeOffset lastAttempt, DateTimeOffset? willRetryUntil)
    {
        ArgumentNullException.ThrowIfNull(result);
        DsnAction action = result.Outcome switch
        {
            RecipientOutcome.Failed => DsnAction.Failed,
            RecipientOutcome.Deferred => DsnAction.Delayed,
            _ => DsnAction.Relayed,
        };
        string status = result.Reply?.EnhancedCode ?? GenericStatus(action, result.Reply?.Code);
        return new DsnRecipientStatus(
            result.Recipient,
            action,
            status,
            result.Reply is null ? null : remoteMta,
            result.Reply?.ToString(),
            result.Detail,
            lastAttempt,
            action == DsnAction.Delayed ? willRetryUntil : null);
    }

    /// <summary>"x.0.0" of the reply's class (RFC 3463 section 3.1), or of the action when no reply came.</summary>
    internal static string GenericStatus(DsnAction action, int? replyCode)
    {
        if (replyCode is >= 200 and < 600)
        {
            return (replyCode.Value / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0.0";
        }

        return action switch
        {
            DsnAction.Failed => "5.0.0",
            DsnAction.Delayed => "4.0.0",
            _ => "2.0.0",
        };
    }
}
