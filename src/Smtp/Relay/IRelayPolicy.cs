using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Relay;

/// <summary>
/// The relay restrictions as the SMTP session consults them. A null sender is the null reverse-path "&lt;&gt;".
/// </summary>
public interface IRelayPolicy
{
    /// <summary>At MAIL FROM: sender/login match and the sending quota.</summary>
    RelayDecision CheckSender(RelayClient client, MailboxAddress? sender);

    /// <summary>At each RCPT TO: the restriction list in order, first permit or reject wins.</summary>
    RelayDecision CheckRecipient(RelayClient client, MailboxAddress? sender, MailboxAddress recipient);

    /// <summary>After 250 to DATA/BDAT LAST: counts the message against the login's quota.</summary>
    void MessageAccepted(RelayClient client);
}
