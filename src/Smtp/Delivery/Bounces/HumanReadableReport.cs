using System.Text;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// The first part of the report (RFC 6522 section 3: a human-readable explanation): which recipients are
/// affected, what the other side said, and what to do about it. Lines are wrapped at 76 characters.
/// </summary>
internal static class HumanReadableReport
{
    /// <summary>How much of a remote reply the text quotes; the full reply is in the delivery-status part.</summary>
    private const int MaxQuotedReply = 1000;

    private const string Indent = "    ";

    public static string Subject(DsnReportKind kind) => kind switch
    {
        DsnReportKind.Failure => "Undelivered Mail Returned to Sender",
        DsnReportKind.Delay => "Delayed Mail (still being retried)",
        _ => "Successful Mail Delivery Report",
    };

    public static string Write(DsnRequest request, string hostname, bool returnsFullMessage)
    {
        var text = new StringBuilder(1024);
        MimeText.AppendWrapped(text, "This is the mail relay at " + hostname + ".", string.Empty);
        text.Append("\r\n");
        MimeText.AppendWrapped(text, Opening(request), string.Empty);
        text.Append("\r\n");

        foreach (DsnRecipientStatus recipient in request.Recipients)
        {
            text.Append('<').Append(MimeText.RemoveControls(recipient.Recipient.Address)).Append(">\r\n");
            if (recipient.Diagnostic is { Length: > 0 } diagnostic)
            {
                string server = recipient.RemoteMta is { Length: > 0 } remote ? "The server " + remote : "The receiving server";
                MimeText.AppendWrapped(text, server + " said: " + MimeText.Truncate(diagnostic, MaxQuotedReply), Indent);
            }
            else if (recipient.Detail.Length > 0)
            {
                MimeText.AppendWrapped(text, "Reason: " + MimeText.Truncate(recipient.Detail, MaxQuotedReply), Indent);
            }

            if (recipient.Action == DsnAction.Delayed && recipient.WillRetryUntil is { } until)
            {
                MimeText.AppendWrapped(text, "The relay will keep trying until " + MimeText.FormatDate(until) + ".", Indent);
            }

            MimeText.AppendWrapped(text, "What to do: " + DsnAdvice.For(recipient), Indent);
            text.Append("\r\n");
        }

        MimeText.AppendWrapped(
            text,
            request.Kind == DsnReportKind.Failure && returnsFullMessage
                ? "Your message is attached below."
                : "The headers of your message are attached below.",
            string.Empty);
        return text.ToString();
    }

    private static string Opening(DsnRequest request)
    {
        // The client address tells the owner which device sent it; a LAN often has several printers.
        string source = request.Envelope.ClientAddress.Length > 0 ? " from " + request.Envelope.ClientAddress : string.Empty;
        string message = "Your message" + source + ", received on " + MimeText.FormatDate(request.Envelope.ReceivedAt) + ",";
        return request.Kind switch
        {
            DsnReportKind.Failure => message + " could not be delivered to the recipients below. The relay has given up; it will not try again.",
            DsnReportKind.Delay => message + " has not been delivered yet to the recipients below. The relay is still trying; you do not need to send it again.",
            _ => message + " was delivered to the recipients below.",
        };
    }
}
