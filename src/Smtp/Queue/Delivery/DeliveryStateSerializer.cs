using System.Globalization;
using System.Text;

namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>
/// The state file: ASCII text, one field per line, in the style of the envelope file (<see cref="EnvelopeSerializer"/>).
/// <code>
/// relaybox-delivery-state 1
/// attempts 2
/// first-attempt 2026-11-22T10:00:01.0000000+00:00     (absent before the first attempt)
/// last-attempt 2026-11-22T10:05:01.0000000+00:00      (absent before the first attempt)
/// next-attempt 2026-11-22T10:15:01.0000000+00:00      (absent: due at once)
/// delay-warning-sent no
/// held admin%20hold                                   (absent when not held)
/// rcpt status=delivered code=250 enhanced=2.0.0 host=smtp.example.net text=Ok address=bob@example.net
/// rcpt status=deferred code=451 host=mx.example.org text=try%20later address=carol@example.org
/// rcpt status=failed code=550 enhanced=5.1.1 host=mx.example.com text=unknown bounced=yes address=dave@example.com
/// end
/// </code>
/// Values are escaped like envelope values (no spaces or line ends, "%XX" for the rest). Recipient tokens
/// come in this order; code, enhanced, host and text are absent when unknown, bounced when no bounce was sent. There is one "rcpt" line per
/// envelope recipient, in envelope order. The final "end" line proves the file is whole; the file is always
/// replaced atomically (<see cref="DeliveryStateStore"/>), so a missing end means damage, not a torn write.
/// </summary>
public static class DeliveryStateSerializer
{
    public const int FormatVersion = 1;

    internal const string Magic = "relaybox-delivery-state";

    /// <summary>Larger files are refused as corrupt; like the envelope's limit, far above 100 recipients with long replies.</summary>
    public const int MaxFileLength = 1024 * 1024;

    public static byte[] Write(DeliveryState state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state.Attempts);
        if (state.Recipients.Count == 0)
        {
            throw new ArgumentException("a delivery state needs at least one recipient", nameof(state));
        }

        var text = new StringBuilder(160 + (state.Recipients.Count * 160));
        text.Append(Magic).Append(' ').Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("attempts ").Append(state.Attempts.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Time(text, "first-attempt", state.FirstAttempt);
        Time(text, "last-attempt", state.LastAttempt);
        Time(text, "next-attempt", state.NextAttempt);
        text.Append("delay-warning-sent ").Append(state.DelayWarningSent ? "yes" : "no").Append('\n');
        if (state.HeldReason is { } held)
        {
            text.Append("held ");
            FieldEscaping.Append(text, held);
            text.Append('\n');
        }

        foreach (var recipient in state.Recipients)
        {
            text.Append("rcpt status=").Append(FormatStatus(recipient.Status));
            if (recipient.ReplyCode is { } code)
            {
                if (code is < 200 or > 599)
                {
                    throw new ArgumentOutOfRangeException(nameof(state), code, "reply codes are 200..599 (RFC 5321 section 4.2)");
                }

                text.Append(" code=").Append(code.ToString(CultureInfo.InvariantCulture));
            }

            Token(text, "enhanced", recipient.EnhancedCode);
            Token(text, "host", recipient.RemoteHost);
            Token(text, "text", recipient.ReplyText);
            if (recipient.BounceSent)
            {
                text.Append(" bounced=yes");
            }

            Token(text, "address", recipient.Address);
            text.Append('\n');
        }

        text.Append("end\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Reads a state file; throws <see cref="DeliveryStateFormatException"/> on anything unexpected.</summary>
    public static DeliveryState Read(ReadOnlySpan<byte> file)
    {
        if (file.Length > MaxFileLength)
        {
            throw new DeliveryStateFormatException($"file is larger than {MaxFileLength} bytes", 0);
        }

        if (!Ascii.IsValid(file))
        {
            throw new DeliveryStateFormatException("file contains bytes that are not ASCII", 0);
        }

        return new DeliveryStateReader(Encoding.ASCII.GetString(file)).Read();
    }

    internal static string FormatStatus(RecipientStatus status) => status switch
    {
        RecipientStatus.Pending => "pending",
        RecipientStatus.Delivered => "delivered",
        RecipientStatus.Failed => "failed",
        RecipientStatus.Deferred => "deferred",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown recipient status"),
    };

    internal static RecipientStatus? ParseStatus(string text) => text switch
    {
        "pending" => RecipientStatus.Pending,
        "delivered" => RecipientStatus.Delivered,
        "failed" => RecipientStatus.Failed,
        "deferred" => RecipientStatus.Deferred,
        _ => null,
    };

    private static void Time(StringBuilder text, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            text.Append(name).Append(' ').Append(time.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static void Token(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(' ').Append(name).Append('=');
            FieldEscaping.Append(text, value);
        }
    }
}
