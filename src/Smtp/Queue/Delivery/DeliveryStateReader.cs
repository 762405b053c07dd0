using System.Globalization;

namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>Parses the text of one state file (format in <see cref="DeliveryStateSerializer"/>).</summary>
internal sealed class DeliveryStateReader(string text)
    : VersionedRecordReader<DeliveryState>(text, DeliveryStateSerializer.Magic, DeliveryStateSerializer.FormatVersion, "delivery state")
{
    private static readonly string[] RecipientTokenOrder = ["status", "code", "enhanced", "host", "text", "bounced", "address"];

    private readonly HashSet<string> fields = new(StringComparer.Ordinal);
    private readonly List<RecipientState> recipients = [];
    private int? attempts;
    private DateTimeOffset? firstAttempt;
    private DateTimeOffset? lastAttempt;
    private DateTimeOffset? nextAttempt;
    private bool? delayWarningSent;
    private string? heldReason;

    protected override void ReadRecord(string name, string value)
    {
        if (name == "rcpt")
        {
            recipients.Add(ReadRecipient(value));
        }
        else
        {
            ReadField(name, value);
        }
    }

    private void ReadField(string name, string value)
    {
        switch (name)
        {
            case "attempts" or "first-attempt" or "last-attempt" or "next-attempt" or "delay-warning-sent" or "held":
                if (recipients.Count > 0)
                {
                    throw Corrupt($"field {name} after the recipients");
                }

                if (!fields.Add(name))
                {
                    throw Corrupt($"field {name} appears twice");
                }

                break;
            default:
                throw Corrupt($"unknown field \"{name}\"");
        }

        // Values are checked where they stand, so an error names the line to look at.
        switch (name)
        {
            case "attempts":
                attempts = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count)
                    ? count
                    : throw Corrupt($"bad attempts \"{value}\"");
                break;
            case "first-attempt":
                firstAttempt = ParseTime(name, value);
                break;
            case "last-attempt":
                lastAttempt = ParseTime(name, value);
                break;
            case "next-attempt":
                nextAttempt = ParseTime(name, value);
                break;
            case "delay-warning-sent":
                delayWarningSent = value switch
                {
                    "yes" => true,
                    "no" => false,
                    _ => throw Corrupt($"bad delay-warning-sent \"{value}\""),
                };
                break;
            default:
                heldReason = Unescape(value);
                break;
        }
    }

    private RecipientState ReadRecipient(string value)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        int lastPosition = -1;
        foreach (string token in value.Split(' '))
        {
            int equals = token.IndexOf('=');
            string key = equals > 0 ? token[..equals] : string.Empty;
            int position = Array.IndexOf(RecipientTokenOrder, key);
            if (position < 0)
            {
                throw Corrupt($"unexpected recipient token \"{token}\"");
            }

            if (position <= lastPosition)
            {
                throw Corrupt($"recipient token \"{key}\" out of order or repeated");
            }

            lastPosition = position;
            tokens.Add(key, token[(equals + 1)..]);
        }

        if (!tokens.TryGetValue("status", out string? statusText) || !tokens.TryGetValue("address", out string? address))
        {
            throw Corrupt("recipient without status or address");
        }

        return new RecipientState(
            Address: Unescape(address),
            Status: DeliveryStateSerializer.ParseStatus(statusText) ?? throw Corrupt($"bad status \"{statusText}\""),
            ReplyCode: tokens.TryGetValue("code", out string? code) ? ParseReplyCode(code) : null,
            EnhancedCode: tokens.TryGetValue("enhanced", out string? enhanced) ? Unescape(enhanced) : null,
            ReplyText: tokens.TryGetValue("text", out string? replyText) ? Unescape(replyText) : null,
            RemoteHost: tokens.TryGetValue("host", out string? host) ? Unescape(host) : null,
            BounceSent: tokens.TryGetValue("bounced", out string? bounced) && ParseBounced(bounced));
    }

    /// <summary>The writer leaves the token out when no bounce was sent, so "yes" is its only value.</summary>
    private bool ParseBounced(string value) => value == "yes" ? true : throw Corrupt($"bad bounced \"{value}\"");

    private int ParseReplyCode(string code)
    {
        // RFC 5321 section 4.2: a reply code is three digits, the first 2 to 5.
        if (code.Length != 3 || !int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value is < 200 or > 599)
        {
            throw Corrupt($"bad reply code \"{code}\"");
        }

        return value;
    }

    protected override DeliveryState Build()
    {
        if (recipients.Count == 0)
        {
            throw Corrupt("no recipients");
        }

        return new DeliveryState(
            Attempts: attempts ?? throw Corrupt("missing field attempts"),
            FirstAttempt: firstAttempt,
            LastAttempt: lastAttempt,
            NextAttempt: nextAttempt,
            DelayWarningSent: delayWarningSent ?? throw Corrupt("missing field delay-warning-sent"),
            HeldReason: heldReason,
            Recipients: recipients);
    }

    private DateTimeOffset ParseTime(string name, string value) =>
        DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Corrupt($"bad {name} \"{value}\"");

    private string Unescape(string value) =>
        FieldEscaping.Unescape(value) ?? throw Corrupt($"badly escaped value \"{value}\"");

    protected override FormatException Corrupt(string message) => new DeliveryStateFormatException(message, LineNumber);
}
