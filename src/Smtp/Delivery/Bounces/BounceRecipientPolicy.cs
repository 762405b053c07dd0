using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// Decides whether a notice is sent, to whom, and about which recipients: the envelope sender gets it
/// (RFC 5321 section 4.5.5, RFC 3461 section 6.1), unless the sender is null; recipients that did not ask
/// for this kind (NOTIFY) are left out; and a device sender on the LAN ("root", "root@nas") that no one reads
/// is replaced by the admin address, so that the failure reaches a person.
/// </summary>
public sealed class BounceRecipientPolicy
{
    private static readonly HashSet<string> PrivateNames =
        new(["localhost", "invalid", "local", "home.arpa", "internal", "lan", "localdomain"], StringComparer.Ordinal);

    private readonly BounceRecipientOptions _options;

    public BounceRecipientPolicy(BounceRecipientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.IsLocalDomain);
        _options = options;
    }

    public BounceDecision Decide(Envelope envelope, DsnReportKind kind, IReadOnlyList<DsnRecipientStatus> candidates)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(candidates);

        // RFC 5321 section 4.5.5 / RFC 3461 section 6.2: a message with the null sender is itself a notice;
        // answering it could loop between two relays forever.
        if (envelope.ReversePath.Length == 0)
        {
            return BounceDecision.Skip(BounceSkipReason.NullSender);
        }

        var reported = new List<DsnRecipientStatus>(candidates.Count);
        foreach (DsnRecipientStatus candidate in candidates)
        {
            if (Wants(candidate.Recipient.Notify, kind))
            {
                reported.Add(candidate);
            }
        }

        if (reported.Count == 0)
        {
            return BounceDecision.Skip(BounceSkipReason.NotRequested);
        }

        if (!IsLocalDeviceSender(envelope.ReversePath, envelope.SmtpUtf8))
        {
            return new BounceDecision(envelope.ReversePath, reported, BounceSkipReason.None, false);
        }

        return _options.AdminAddress is { Length: > 0 } admin
            ? new BounceDecision(admin, reported, BounceSkipReason.None, true)
            : BounceDecision.Skip(BounceSkipReason.NoAdminAddress);
    }

    /// <summary>
    /// RFC 3461 section 4.1: NEVER excludes all notices; an explicit list names the kinds wanted. Without
    /// NOTIFY the MTA behaves as for "FAILURE" or "FAILURE,DELAY"; relaybox sends delay warnings too (as
    /// Postfix does with delay_warning_time set), because a device owner otherwise learns nothing for days.
    /// </summary>
    public static bool Wants(DsnNotify notify, DsnReportKind kind)
    {
        if ((notify & DsnNotify.Never) != 0)
        {
            return false;
        }

        if (notify == DsnNotify.Default)
        {
            return kind is DsnReportKind.Failure or DsnReportKind.Delay;
        }

        DsnNotify wanted = kind switch
        {
            DsnReportKind.Failure => DsnNotify.Failure,
            DsnReportKind.Delay => DsnNotify.Delay,
            _ => DsnNotify.Success,
        };
        return (notify & wanted) != 0;
    }

    /// <summary>
    /// A sender nobody reads: an unqualified name ("root"), a configured local domain or a name under one
    /// ("root@nas.fritz.box" when "fritz.box" is the LAN's name), a single-label domain (no such mail domain exists on the Internet: RFC 7085 and
    /// ICANN's ban on dotless domains), or an address literal such as "root@[192.168.1.20]".
    /// </summary>
    private bool IsLocalDeviceSender(string reversePath, bool smtpUtf8)
    {
        string domain;
        bool isLiteral;
        if (MailboxAddress.TryParse(Encoding.UTF8.GetBytes("<" + reversePath + ">"), smtpUtf8, out MailboxAddress? parsed, out _) && parsed is not null)
        {
            domain = parsed.Domain;
            isLiteral = parsed.IsDomainLiteral;
        }
        else
        {
            int at = reversePath.LastIndexOf('@');
            domain = at < 0 ? string.Empty : reversePath[(at + 1)..].TrimEnd('.').ToLowerInvariant();
            isLiteral = domain.StartsWith('[');
        }

        return domain.Length == 0 || isLiteral || !domain.Contains('.') || IsLocalName(domain);
    }

    /// <summary>
    /// The domain or any parent of it is a configured local domain or a name reserved for private
    /// networks: "localhost", "invalid" (RFC 6761), "local" (mDNS, RFC 6762), "home.arpa" (RFC 8375),
    /// "internal" (ICANN's private-use TLD), and the customary "lan" and "localdomain".
    /// </summary>
    private bool IsLocalName(string domain)
    {
        for (string suffix = domain; suffix.Length > 0;)
        {
            if (PrivateNames.Contains(suffix) || _options.IsLocalDomain(suffix))
            {
                return true;
            }

            int dot = suffix.IndexOf('.');
            suffix = dot < 0 ? string.Empty : suffix[(dot + 1)..];
        }

        return false;
    }
}
