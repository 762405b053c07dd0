using System.Net;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Relay;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>
/// permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination in miniature: loopback and
/// logged-in clients may relay; recipients in denied.example are always refused.
/// </summary>
internal sealed class PermitMyNetworksPolicy : IRelayPolicy
{
    public bool LoopbackIsMyNetwork { get; init; } = true;

    public int AcceptedMessages;

    public RelayDecision CheckSender(RelayClient client, MailboxAddress? sender) =>
        sender?.Domain == "quota.example" ? RelayDecision.Defer(RelayRejectReason.QuotaExceeded) : RelayDecision.Permit;

    public RelayDecision CheckRecipient(RelayClient client, MailboxAddress? sender, MailboxAddress recipient)
    {
        if (recipient.Domain == "denied.example")
        {
            return RelayDecision.Reject(RelayRejectReason.AccessDenied);
        }

        return client.IsAuthenticated || (LoopbackIsMyNetwork && IPAddress.IsLoopback(client.Address))
            ? RelayDecision.Permit
            : RelayDecision.Reject(RelayRejectReason.RelayAccessDenied);
    }

    public void MessageAccepted(RelayClient client) => Interlocked.Increment(ref AcceptedMessages);
}
