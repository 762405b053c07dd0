using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Relay;

/// <summary>
/// reject_sender_login_mismatch: which envelope senders an authenticated login may use. Allowed are the
/// login itself when it is an address, every entry of <see cref="RelayClient.AllowedSenders"/> (a full
/// address, or "@domain" for any address in that domain) and the null sender, which carries bounces
/// and owns nothing. Comparison ignores case throughout, as Postfix's lookup tables fold case.
/// </summary>
public static class SenderLoginMatcher
{
    public static bool MayUse(RelayClient client, MailboxAddress? sender)
    {
        if (sender is null || client.Login is null)
        {
            return true;
        }

        string address = sender.ToString();
        if (client.Login.Contains('@') && string.Equals(client.Login, address, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (string allowed in client.AllowedSenders)
        {
            if (Matches(allowed, sender, address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string allowed, MailboxAddress sender, string address)
    {
        if (allowed.Length > 1 && allowed[0] == '@')
        {
            // "@example.com" covers every mailbox of that domain, never its subdomains or literals.
            string domain = allowed[1..].TrimEnd('.');
            return sender.IsQualified && !sender.IsDomainLiteral &&
                   string.Equals(sender.Domain, domain, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(allowed, address, StringComparison.OrdinalIgnoreCase);
    }
}
