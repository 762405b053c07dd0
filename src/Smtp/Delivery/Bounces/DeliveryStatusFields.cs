using System.Globalization;
using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// Writes the content of the message/delivery-status part (RFC 3464 section 2): the per-message fields, then
/// one block per recipient, blocks separated by a blank line. The content is 7-bit (section 2.1): addresses
/// that are not ASCII use the "utf-8" address type with \x{HHHH} escapes (RFC 6533 section 3).
/// </summary>
internal static class DeliveryStatusFields
{
    /// <summary>
    /// The most of a remote reply quoted in Diagnostic-Code: RFC 5321 section 4.5.3.1.5 caps a reply line at
    /// 512 octets, so this keeps several lines of a multi-line reply and bounds the rest.
    /// </summary>
    private const int MaxDiagnosticLength = 2048;

    public static string Write(DsnRequest request, string hostname)
    {
        var output = new StringBuilder(256 + (request.Recipients.Count * 256));
        Envelope envelope = request.Envelope;

        // RFC 3464 section 2.2: per-message fields.
        if (envelope.EnvelopeId is { Length: > 0 } envelopeId)
        {
            // Section 2.2.1: the ENVID as the sender gave it, xtext-decoded (RFC 3461 section 4.4).
            MimeText.AppendField(output, "Original-Envelope-Id", DecodeXText(envelopeId));
        }

        MimeText.AppendField(output, "Reporting-MTA", "dns; " + hostname);
        if (envelope.HeloName.Length > 0 && Ascii.IsValid(envelope.HeloName))
        {
            // Section 2.2.4: the client that handed the message to relaybox, as it named itself.
            MimeText.AppendField(output, "Received-From-MTA", "dns; " + envelope.HeloName);
        }

        MimeText.AppendField(output, "Arrival-Date", MimeText.FormatDate(envelope.ReceivedAt));

        foreach (DsnRecipientStatus recipient in request.Recipients)
        {
            output.Append("\r\n");
            WriteRecipient(output, recipient);
        }

        return output.ToString();
    }

    private static void WriteRecipient(StringBuilder output, DsnRecipientStatus status)
    {
        // Section 2.3.1: Original-Recipient only when the sender gave ORCPT (RFC 3461 section 4.2).
        if (TryFormatOriginalRecipient(status.Recipient, out string? original))
        {
            MimeText.AppendField(output, "Original-Recipient", original);
        }

        MimeText.AppendField(output, "Final-Recipient", FormatAddress(status.Recipient.Address));
        MimeText.AppendField(output, "Action", ActionValue(status.Action));
        MimeText.AppendField(output, "Status", status.Status);
        if (status.RemoteMta is { Length: > 0 } remote && Ascii.IsValid(remote))
        {
            MimeText.AppendField(output, "Remote-MTA", "dns; " + remote);
        }

        if (status.Diagnostic is { Length: > 0 } diagnostic)
        {
            // Section 2.3.6: the reply exactly as the remote server sent it, typed "smtp".
            MimeText.AppendField(output, "Diagnostic-Code", "smtp; " + MimeText.Truncate(ToAscii(diagnostic), MaxDiagnosticLength));
        }

        if (status.LastAttempt is { } lastAttempt)
        {
            MimeText.AppendField(output, "Last-Attempt-Date", MimeText.FormatDate(lastAttempt));
        }

        if (status.Action == DsnAction.Delayed && status.WillRetryUntil is { } until)
        {
            // Section 2.3.8: only meaningful for delays.
            MimeText.AppendField(output, "Will-Retry-Until", MimeText.FormatDate(until));
        }
    }

    public static string ActionValue(DsnAction action) => action switch
    {
        DsnAction.Failed => "failed",
        DsnAction.Delayed => "delayed",
        DsnAction.Delivered => "delivered",
        _ => "relayed",
    };

    /// <summary>ORCPT is stored as received, "addr-type;xtext" (RFC 3461 section 4.2); the DSN shows it decoded.</summary>
    private static bool TryFormatOriginalRecipient(EnvelopeRecipient recipient, out string formatted)
    {
        formatted = string.Empty;
        string? orcpt = recipient.OriginalRecipient;
        int separator = orcpt?.IndexOf(';') ?? -1;
        if (orcpt is null || separator <= 0)
        {
            return false;
        }

        string addressType = orcpt[..separator].Trim();
        string value = DecodeXText(orcpt[(separator + 1)..].Trim());
        formatted = addressType + "; " + value;
        return true;
    }

    /// <summary>Decodes xtext when the result is printable ASCII; otherwise keeps the (7-bit) xtext as it came.</summary>
    private static string DecodeXText(string xtext)
    {
        byte[] octets = Encoding.ASCII.GetBytes(xtext);
        if (!XText.IsValid(octets))
        {
            return ToAscii(xtext);
        }

        string decoded = XText.Decode(octets);
        foreach (char c in decoded)
        {
            if (c is < (char)32 or > (char)126)
            {
                return xtext;
            }
        }

        return decoded;
    }

    private static string FormatAddress(string address) =>
        Ascii.IsValid(address) ? "rfc822; " + address : "utf-8; " + EscapeUtf8(address);

    /// <summary>RFC 6533 section 3 utf-8-addr-xtext: a non-ASCII code point becomes "\x{HHHH}".</summary>
    private static string EscapeUtf8(string text)
    {
        var output = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            int codePoint = char.ConvertToUtf32(text, i);
            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }

            if (codePoint is >= 33 and <= 126 && codePoint != '\\' && codePoint != '+' && codePoint != '=')
            {
                output.Append((char)codePoint);
            }
            else
            {
                output.Append("\\x{").Append(codePoint.ToString("X", CultureInfo.InvariantCulture)).Append('}');
            }
        }

        return output.ToString();
    }

    private static string ToAscii(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            output.Append(c is >= (char)32 and <= (char)126 ? c : '?');
        }

        return output.ToString();
    }
}
