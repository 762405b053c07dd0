using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Relay;

/// <summary>
/// The relay restrictions with Postfix semantics: the words of <see cref="RelayPolicyOptions.Restrictions"/>
/// are tried in order at each RCPT TO, the first that permits or rejects decides, and a list that runs off
/// its end permits (which is why the default list ends with reject_unauth_destination). At MAIL FROM the
/// policy checks the sender against the login (only when reject_sender_login_mismatch is listed) and the
/// login's hourly quota.
/// </summary>
public sealed class RelayPolicy : IRelayPolicy
{
    private readonly RestrictionKind[] restrictions;
    private readonly NetworkList myNetworks;
    private readonly DestinationClassifier destinations;
    private readonly SendingQuota quota;
    private readonly int defaultMessagesPerHour;
    private readonly bool checksSenderLogin;

    /// <param name="quota">
    /// The messages-per-hour counts; pass the same one to the policy built by a configuration reload, so a
    /// reload does not hand every login a fresh hour.
    /// </param>
    public RelayPolicy(RelayPolicyOptions options, TimeProvider timeProvider, SendingQuota? quota = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.DefaultMessagesPerHour);
        restrictions = [.. options.Restrictions];
        foreach (var word in restrictions)
        {
            if (!Enum.IsDefined(word))
            {
                throw new ArgumentException($"unknown restriction {(int)word}", nameof(options));
            }
        }

        myNetworks = new NetworkList(options.MyNetworks);
        destinations = new DestinationClassifier(options.LocalDomains);
        this.quota = quota ?? new SendingQuota(timeProvider);
        defaultMessagesPerHour = options.DefaultMessagesPerHour;
        checksSenderLogin = Array.IndexOf(restrictions, RestrictionKind.RejectSenderLoginMismatch) >= 0;
    }

    public RelayDecision CheckSender(RelayClient client, MailboxAddress? sender)
    {
        // Postfix applies reject_sender_login_mismatch to authenticated clients only: an anonymous LAN
        // printer has no login to mismatch, and relaying for it is decided at RCPT TO.
        if (checksSenderLogin && client.IsAuthenticated && !SenderLoginMatcher.MayUse(client, sender))
        {
            return RelayDecision.Reject(RelayRejectReason.SenderLoginMismatch);
        }

        if (client.Login is { } login && !quota.HasRoom(login, MessagesPerHour(client)))
        {
            return RelayDecision.Defer(RelayRejectReason.QuotaExceeded);
        }

        return RelayDecision.Permit;
    }

    public RelayDecision CheckRecipient(RelayClient client, MailboxAddress? sender, MailboxAddress recipient)
    {
        foreach (var word in restrictions)
        {
            RelayDecision? decision = Evaluate(word, client, sender, recipient);
            if (decision is { } decided)
            {
                return decided;
            }
        }

        // Postfix: "the default is to permit" when no restriction decided.
        return RelayDecision.Permit;
    }

    public void MessageAccepted(RelayClient client)
    {
        if (client.Login is { } login && MessagesPerHour(client) > 0)
        {
            quota.Record(login);
        }
    }

    /// <summary>One word's answer; null means "no opinion" (Postfix DUNNO), go on to the next word.</summary>
    private RelayDecision? Evaluate(RestrictionKind word, RelayClient client, MailboxAddress? sender, MailboxAddress recipient) =>
        word switch
        {
            RestrictionKind.PermitMynetworks when myNetworks.Contains(client.Address) => RelayDecision.Permit,
            RestrictionKind.PermitSaslAuthenticated when client.IsAuthenticated => RelayDecision.Permit,
            RestrictionKind.RejectUnauthDestination => CheckDestination(recipient),
            RestrictionKind.RejectSenderLoginMismatch when client.IsAuthenticated && !SenderLoginMatcher.MayUse(client, sender) =>
                RelayDecision.Reject(RelayRejectReason.SenderLoginMismatch),
            RestrictionKind.Reject => RelayDecision.Reject(RelayRejectReason.AccessDenied),
            RestrictionKind.Permit => RelayDecision.Permit,
            _ => null,
        };

    private RelayDecision? CheckDestination(MailboxAddress recipient) =>
        destinations.Classify(recipient) switch
        {
            RecipientDestination.Local => null,
            // A client that reaches this word was not permitted to relay, so it gets no routing either
            // (Postfix allow_percent_hack=no, swap_bangpath=no, resolve_dequoted_address=no).
            RecipientDestination.LocalWithRoutingSyntax => RelayDecision.Reject(RelayRejectReason.RoutingSyntaxRefused),
            _ => RelayDecision.Reject(RelayRejectReason.RelayAccessDenied),
        };

    private int MessagesPerHour(RelayClient client) => client.MessagesPerHour ?? defaultMessagesPerHour;
}
