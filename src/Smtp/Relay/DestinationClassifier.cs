using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Relay;

/// <summary>
/// Decides whether a recipient is ours or a relay, the question behind reject_unauth_destination.
/// It works only on the parsed <see cref="MailboxAddress"/>: the domain that the path ends in decides, never
/// anything inside the local part. That closes the address tricks open relays have been abused through:
/// <list type="bullet">
/// <item>percent hack "user%evil.com@ours" and bang paths "evil.com!user@ours": relaybox never rewrites
/// them (Postfix allow_percent_hack=no, swap_bangpath=no), and they are flagged so that unauthenticated
/// strangers cannot push them at a smarthost that might;</item>
/// <item>quoted local parts with "@" ("user@evil.com"@ours): never dequoted and re-parsed
/// (Postfix resolve_dequoted_address=no), and flagged like the percent hack;</item>
/// <item>source routes "@ours:user@evil.com": the parser has already dropped the route (RFC 5321
/// appendix C), so the final domain evil.com decides;</item>
/// <item>address literals "user@[127.0.0.1]": always a relay, even when the literal is one of our own
/// addresses — simpler than keeping a list of them, and never wrong in the open-relay direction;</item>
/// <item>trailing dots and letter case: removed and folded by the parser and here, so "OURS." is ours;</item>
/// <item>look-alike characters under SMTPUTF8: domains compare by exact code points, so a Cyrillic
/// "о" in "ours" is someone else's domain; full-width %, ! and @ in a local part count as routing
/// characters because a later normalising hop could turn them into the real ones.</item>
/// </list>
/// </summary>
public sealed class DestinationClassifier
{
    private readonly HashSet<string> localDomains;

    public DestinationClassifier(IEnumerable<string> localDomains)
    {
        this.localDomains = new HashSet<string>(StringComparer.Ordinal);
        foreach (string domain in localDomains)
        {
            string normalised = NormaliseDomain(domain);
            if (normalised.Length > 0)
            {
                this.localDomains.Add(normalised);
            }
        }
    }

    public RecipientDestination Classify(MailboxAddress recipient)
    {
        if (recipient.IsDomainLiteral)
        {
            return RecipientDestination.Relay;
        }

        bool ours = !recipient.IsQualified || localDomains.Contains(NormaliseDomain(recipient.Domain));
        if (!ours)
        {
            // postmaster@elsewhere is someone else's postmaster: relaying it is still relaying.
            return RecipientDestination.Relay;
        }

        // RFC 5321 section 4.5.1 requires accepting "postmaster" and postmaster@ours: both are covered here,
        // since an unqualified name is ours and "postmaster" has no routing characters.
        return HasRoutingSyntax(recipient.LocalPart) ? RecipientDestination.LocalWithRoutingSyntax : RecipientDestination.Local;
    }

    /// <summary>
    /// True when a local part contains a character some mailer has treated as a route: "%" (percent hack),
    /// "!" (UUCP bang path), "@" (only possible inside quotes), or a compatibility look-alike of one of them.
    /// </summary>
    public static bool HasRoutingSyntax(string localPart)
    {
        foreach (char c in localPart)
        {
            switch (c)
            {
                case '%' or '!' or '@':
                // FULLWIDTH and SMALL forms: NFKC maps them to the ASCII characters above.
                case '\uFF05' or '\uFF01' or '\uFF20' or '\uFE6A' or '\uFE57' or '\uFE6B':
                    return true;
            }
        }

        return false;
    }

    private static string NormaliseDomain(string domain)
    {
        string trimmed = domain.Trim();
        if (trimmed.EndsWith('.'))
        {
            trimmed = trimmed[..^1];
        }

        return trimmed.ToLowerInvariant();
    }
}
