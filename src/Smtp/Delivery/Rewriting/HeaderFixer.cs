using System.Text;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// Adds the two fields every message must carry (RFC 5322 section 3.6: Date is required, Message-ID
/// "SHOULD" be present) when a device or cron left them out; smarthosts such as Gmail refuse or score mail
/// without them. An existing field, in any letter case, is never duplicated or changed.
/// </summary>
public sealed class HeaderFixer
{
    private readonly string _hostName;

    /// <param name="hostName">The box's own fully qualified name, the right-hand side of added Message-IDs.</param>
    public HeaderFixer(string hostName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        if (hostName.AsSpan().IndexOfAny("<>@ \t\r\n") >= 0)
        {
            throw new ArgumentException("The host name is not a valid id-right.", nameof(hostName));
        }

        _hostName = hostName;
    }

    /// <summary>
    /// Adds what is missing. The values come from the queued message, not from the clock, so each delivery
    /// attempt of the same message produces the same fields (a retry must not mint a new Message-ID):
    /// the Date is when relaybox accepted the message (the origination date of RFC 5322 section 3.6.1 as
    /// close as relaybox knows it), the Message-ID is "&lt;queue-id@hostname&gt;" (section 3.6.4; queue
    /// ids are unique on this box and made of dot-atom characters).
    /// </summary>
    public HeaderFixes Fix(HeaderEdit headers, string queueId, DateTimeOffset acceptedAt)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentException.ThrowIfNullOrEmpty(queueId);
        var fixes = HeaderFixes.None;
        if (!headers.Contains("Date"))
        {
            headers.Append("Date", ReceivedHeader.Rfc5322Date(acceptedAt));
            fixes |= HeaderFixes.AddedDate;
        }

        if (!headers.Contains("Message-ID"))
        {
            headers.Append("Message-ID", MessageId(queueId));
            fixes |= HeaderFixes.AddedMessageId;
        }

        return fixes;
    }

    public string MessageId(string queueId)
    {
        var id = new StringBuilder(queueId.Length + _hostName.Length + 3);
        id.Append('<').Append(queueId).Append('@').Append(_hostName).Append('>');
        return id.ToString();
    }
}
