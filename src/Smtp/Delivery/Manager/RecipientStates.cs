using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// Translations between what the delivery client reports, what the state file keeps, and what a DSN says.
/// Bounces are built from the saved state, never from a result in memory, so a notice owed before a crash
/// reads the same after it.
/// </summary>
internal static class RecipientStates
{
    /// <summary>RFC 3463: 4.4.7 "delivery time expired", for a recipient that never got a reply of its own.</summary>
    private const string ExpiredStatus = "4.4.7";

    public static RecipientState FromResult(string address, RecipientResult result, string? remoteHost)
    {
        RecipientStatus status = result.Outcome switch
        {
            RecipientOutcome.Delivered => RecipientStatus.Delivered,
            RecipientOutcome.Failed => RecipientStatus.Failed,
            _ => RecipientStatus.Deferred,
        };
        return result.Reply is { } reply
            ? new RecipientState(address, status, reply.Code, reply.EnhancedCode, reply.Text, remoteHost)
            : new RecipientState(address, status, EnhancedCode: LeadingStatus(result.Detail), ReplyText: result.Detail, RemoteHost: null);
    }

    /// <summary>
    /// relaybox's own reasons start with the RFC 3463 status they stand for when one applies ("5.1.10 null MX",
    /// "4.4.3 DNS lookup failed"): that status goes into the state and the DSN.
    /// </summary>
    private static string? LeadingStatus(string detail) =>
        EnhancedStatus.Leading(detail) is { } status && status[0] is '2' or '4' or '5' ? status : null;

    /// <summary>The lifetime ran out: the recipient fails with its last reply kept (as Postfix keeps the 4.x.x status of an expired message).</summary>
    public static RecipientState Expired(RecipientState recipient, TimeSpan lifetime)
    {
        string last = recipient.ReplyCode is { } code ? $"{code} {recipient.ReplyText}" : recipient.ReplyText ?? "not tried";
        return recipient with
        {
            Status = RecipientStatus.Failed,
            EnhancedCode = recipient.EnhancedCode ?? (recipient.ReplyCode is null ? ExpiredStatus : null),
            ReplyText = recipient.ReplyCode is null
                ? $"gave up after {Describe(lifetime)} in the queue; last problem: {last}"
                : recipient.ReplyText,
        };
    }

    public static DsnRecipientStatus ToDsn(EnvelopeRecipient recipient, RecipientState state, DsnAction action,
        DateTimeOffset? lastAttempt, DateTimeOffset? willRetryUntil)
    {
        string status = state.EnhancedCode ?? DsnRecipientStatus.GenericStatus(action, state.ReplyCode);
        if (action == DsnAction.Failed && status.StartsWith('2'))
        {
            status = "5.0.0";
        }

        string? diagnostic = state.ReplyCode is { } replyCode ? $"{replyCode} {state.ReplyText}" : null;
        string detail = state.ReplyCode is null ? state.ReplyText ?? "" : "";
        return new DsnRecipientStatus(recipient, action, status, diagnostic is null ? null : state.RemoteHost, diagnostic, detail,
            lastAttempt, action == DsnAction.Delayed ? willRetryUntil : null);
    }

    public static string Describe(TimeSpan span) => span.TotalDays >= 1 && span.TotalDays % 1 == 0
        ? $"{span.TotalDays:0} days"
        : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalMinutes:0.#} minutes";
}
