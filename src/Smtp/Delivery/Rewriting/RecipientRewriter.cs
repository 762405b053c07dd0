using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// Sends mail for the box's own system mailboxes to a person: what Postfix users set up with aliases
/// ("root: admin@example.org"). A recipient goes to the admin address when it is
/// <list type="bullet">
/// <item>unqualified ("root", "backup"): a LAN device meant this machine, and nobody reads local mail on it;</item>
/// <item>root, postmaster, mailer-daemon or abuse (any letter case, RFC 5321 section 4.5.1 makes postmaster
/// case-insensitive and the others follow suit) at the box's host name, its short name, or a configured
/// local domain.</item>
/// </list>
/// Every other recipient is left alone. A redirected recipient keeps the address the client gave as its
/// RFC 3461 ORCPT (unless the client sent one), so a DSN still names what the device wrote.
/// </summary>
public sealed class RecipientRewriter
{
    private static readonly string[] SystemMailboxes = ["root", "postmaster", "mailer-daemon", "abuse"];

    private readonly string _adminAddress;
    private readonly HashSet<string> _localDomains = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="adminAddress">A qualified address (local@domain) that a person reads.</param>
    /// <param name="hostName">The box's host name; its first label counts as local too ("nas" for nas.home.arpa).</param>
    /// <param name="localDomains">Further domains that mean this box ("relaybox.lan").</param>
    public RecipientRewriter(string adminAddress, string hostName, IEnumerable<string> localDomains)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adminAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        ArgumentNullException.ThrowIfNull(localDomains);
        int at = adminAddress.LastIndexOf('@');
        if (at <= 0 || at == adminAddress.Length - 1)
        {
            throw new ArgumentException("The admin address must be qualified (local@domain).", nameof(adminAddress));
        }

        _adminAddress = adminAddress;
        AddLocalDomain(hostName);
        int dot = hostName.IndexOf('.');
        if (dot > 0)
        {
            AddLocalDomain(hostName[..dot]);
        }

        foreach (var domain in localDomains)
        {
            AddLocalDomain(domain);
        }
    }

    public string AdminAddress => _adminAddress;

    /// <summary>Whether mail to <paramref name="address"/> (envelope form, local@domain or bare local) belongs to the admin.</summary>
    public bool IsAdminMailbox(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        int at = LastAtOutsideQuotes(address);
        if (at < 0)
        {
            return address.Length > 0; // an unqualified name: local mail that nobody would read
        }

        string local = Unquote(address[..at]);
        string domain = address[(at + 1)..].TrimEnd('.');
        if (!_localDomains.Contains(domain))
        {
            return false;
        }

        foreach (var mailbox in SystemMailboxes)
        {
            if (string.Equals(local, mailbox, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The recipient itself when it stays, else a redirected copy; NOTIFY is kept.</summary>
    public EnvelopeRecipient Rewrite(EnvelopeRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (!IsAdminMailbox(recipient.Address) || string.Equals(recipient.Address, _adminAddress, StringComparison.OrdinalIgnoreCase))
        {
            return recipient;
        }

        return recipient with { Address = _adminAddress, OriginalRecipient = recipient.OriginalRecipient ?? OriginalRecipientOf(recipient.Address) };
    }

    /// <summary>
    /// Rewrites every recipient, in order and one for one (per-recipient delivery state is kept by position,
    /// so two names that both reach the admin are not merged here).
    /// </summary>
    public IReadOnlyList<EnvelopeRecipient> Rewrite(IReadOnlyList<EnvelopeRecipient> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var rewritten = new EnvelopeRecipient[recipients.Count];
        for (int i = 0; i < rewritten.Length; i++)
        {
            rewritten[i] = Rewrite(recipients[i]);
        }

        return rewritten;
    }

    /// <summary>
    /// RFC 3461 section 4.2: "rfc822;" and the address in xtext. Only ASCII addresses get one: a UTF-8 address
    /// needs the "utf-8" type of RFC 6533, which relaybox does not write (the DSN then names the admin address).
    /// </summary>
    private static string? OriginalRecipientOf(string address) =>
        Ascii.IsValid(address) ? "rfc822;" + XText.Encode(address) : null;

    private void AddLocalDomain(string domain)
    {
        var trimmed = domain.Trim().TrimEnd('.');
        if (trimmed.Length > 0)
        {
            _localDomains.Add(trimmed);
        }
    }

    private static int LastAtOutsideQuotes(string address)
    {
        // The domain never holds '@' or '"', so the last '@' after the closing quote ends the local part.
        int closingQuote = address.Length > 0 && address[0] == '"' ? address.LastIndexOf('"') : -1;
        int at = address.LastIndexOf('@');
        return at > closingQuote ? at : -1;
    }

    /// <summary>"\"root\"" is the same mailbox as "root" (RFC 5321 section 4.1.2: the quoting is syntax).</summary>
    private static string Unquote(string local)
    {
        if (local.Length < 2 || local[0] != '"' || local[^1] != '"')
        {
            return local;
        }

        var plain = new StringBuilder(local.Length);
        for (int i = 1; i < local.Length - 1; i++)
        {
            if (local[i] == '\\' && i + 1 < local.Length - 1)
            {
                i++;
            }

            plain.Append(local[i]);
        }

        return plain.ToString();
    }
}
