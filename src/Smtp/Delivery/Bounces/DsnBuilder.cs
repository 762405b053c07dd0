using System.Security.Cryptography;
using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// Builds delivery status notifications: RFC 5322 messages of type multipart/report;
/// report-type=delivery-status (RFC 6522) with three parts — a text for people, the machine-readable
/// message/delivery-status (RFC 3464), and the returned original (message/rfc822 or text/rfc822-headers).
/// Output has CRLF line ends; everything relaybox writes is 7-bit, only a returned original with 8-bit
/// octets makes the message 8BITMIME (the original's bytes are passed on unchanged).
/// </summary>
public sealed class DsnBuilder
{
    private readonly DsnOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<string> _uniqueToken;

    /// <param name="uniqueToken">Source of the Message-ID's left part and the MIME boundary; random by default.</param>
    public DsnBuilder(DsnOptions options, TimeProvider time, Func<string>? uniqueToken = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Hostname);
        _options = options;
        _time = time;
        _uniqueToken = uniqueToken ?? RandomToken;
    }

    public string MailerDaemon => "MAILER-DAEMON@" + _options.Hostname;

    /// <summary>Builds the notice for <paramref name="recipient"/> (from <see cref="BounceRecipientPolicy"/>).</summary>
    public DsnMessage Build(DsnRequest request, string recipient)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        if (request.Recipients.Count == 0)
        {
            throw new ArgumentException("A notice reports on at least one recipient.", nameof(request));
        }

        ReturnedOriginal original = ReadOriginal(request);
        string token = UniqueTokenNotIn(original.Content);
        bool utf8Recipient = !MimeText.IsAscii(recipient);
        string boundary = "=_relaybox_" + token;
        string messageId = "<" + token + "@" + _options.Hostname + ">";
        bool eightBit = original.HasEightBitOctets || utf8Recipient;
        string eightBitOrSeven = eightBit ? "8bit" : "7bit";

        var head = new StringBuilder(4096);
        MimeText.AppendField(head, "From", _options.DisplayName + " <" + MailerDaemon + ">");
        MimeText.AppendField(head, "To", "<" + recipient + ">");
        MimeText.AppendField(head, "Subject", HumanReadableReport.Subject(request.Kind));
        MimeText.AppendField(head, "Date", MimeText.FormatDate(_time.GetLocalNow()));
        MimeText.AppendField(head, "Message-ID", messageId);

        // RFC 3834 section 5: a machine-generated reply, so that vacation responders stay quiet.
        MimeText.AppendField(head, "Auto-Submitted", "auto-replied");
        MimeText.AppendField(head, "MIME-Version", "1.0");
        MimeText.AppendField(head, "Content-Type", "multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"");

        // RFC 2045 section 6.4: a multipart is 7bit unless a part inside it is 8bit.
        MimeText.AppendField(head, "Content-Transfer-Encoding", eightBitOrSeven);
        head.Append("\r\n");
        head.Append("This is a MIME-encapsulated delivery status notification.\r\n\r\n");

        AppendTextPart(head, boundary, HumanReadableReport.Write(request, _options.Hostname, original.IsFullMessage));

        head.Append("--").Append(boundary).Append("\r\n");
        MimeText.AppendField(head, "Content-Type", "message/delivery-status");
        MimeText.AppendField(head, "Content-Description", "Delivery report");
        head.Append("\r\n");
        head.Append(DeliveryStatusFields.Write(request, _options.Hostname));
        head.Append("\r\n");

        head.Append("--").Append(boundary).Append("\r\n");
        MimeText.AppendField(head, "Content-Type", original.IsFullMessage ? "message/rfc822" : "text/rfc822-headers");
        MimeText.AppendField(head, "Content-Description", original.IsFullMessage ? "Undelivered message" : "Message headers");

        // RFC 2046 section 5.2.1: message/rfc822 is never base64 or quoted-printable encoded; 8-bit octets stay.
        MimeText.AppendField(head, "Content-Transfer-Encoding", original.HasEightBitOctets ? "8bit" : "7bit");
        head.Append("\r\n");

        string tail = "\r\n--" + boundary + "--\r\n";
        // Only a UTF-8 recipient in To makes the head non-ASCII (RFC 6532 section 3.2); all else is ASCII here.
        byte[] headBytes = Encoding.UTF8.GetBytes(head.ToString());
        byte[] content = new byte[headBytes.Length + original.Content.Length + tail.Length];
        headBytes.CopyTo(content, 0);
        original.Content.CopyTo(content, headBytes.Length);
        Encoding.ASCII.GetBytes(tail, content.AsSpan(headBytes.Length + original.Content.Length));

        return new DsnMessage(
            string.Empty,
            recipient,
            messageId,
            eightBit ? BodyType.EightBitMime : BodyType.SevenBit,
            utf8Recipient,
            content);
    }

    /// <summary>
    /// RFC 3461 section 4.3: RET=HDRS asks for headers only; without RET the MTA chooses. The full message
    /// returns only with a failure and when it fits the limit; delay and success notices carry headers
    /// (the message is still queued or was delivered, so the sender has it).
    /// </summary>
    private ReturnedOriginal ReadOriginal(DsnRequest request)
    {
        bool full = request.Kind == DsnReportKind.Failure &&
                    request.Envelope.Return != DsnReturn.Headers &&
                    request.OriginalSize <= _options.FullReturnLimit;
        using Stream source = request.OpenOriginal();
        return full
            ? ReturnedOriginal.ReadFull(source, request.OriginalSize)
            : ReturnedOriginal.ReadHeaders(source, _options.HeaderReturnLimit);
    }

    /// <summary>ASCII text goes as 7bit; anything else as quoted-printable UTF-8 (RFC 2045 section 6.7).</summary>
    private static void AppendTextPart(StringBuilder output, string boundary, string text)
    {
        output.Append("--").Append(boundary).Append("\r\n");
        bool ascii = MimeText.IsAscii(text);
        MimeText.AppendField(output, "Content-Type", "text/plain; charset=" + (ascii ? "us-ascii" : "utf-8"));
        MimeText.AppendField(output, "Content-Description", "Notification");
        MimeText.AppendField(output, "Content-Transfer-Encoding", ascii ? "7bit" : "quoted-printable");
        output.Append("\r\n");
        output.Append(ascii ? text : MimeText.QuotedPrintable(text));
        if (!text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            output.Append("\r\n");
        }

        output.Append("\r\n");
    }

    /// <summary>
    /// The boundary must not occur in the returned original (RFC 2046 section 5.1.1). A random token all but
    /// guarantees it; the check makes it certain, with a bounded number of draws.
    /// </summary>
    private string UniqueTokenNotIn(byte[] content)
    {
        const int MaxDraws = 8;
        for (int draw = 1; ; draw++)
        {
            string token = _uniqueToken();
            if (content.AsSpan().IndexOf(Encoding.ASCII.GetBytes("=_relaybox_" + token)) < 0 || draw == MaxDraws)
            {
                return token;
            }
        }
    }

    private static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
