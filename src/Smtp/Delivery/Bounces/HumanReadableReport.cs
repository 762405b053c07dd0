using System.Text;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// The first part of the report (RFC 6522 section 3: a human-readable explanation): which recipients are
/// affected, what the other side said, and what to do about it.
/// </summary>
internal static class HumanReadableReport
{
    public static string Subject(DsnReportKind kind) => kind switch
    {
        DsnReportKind.Failure => "Undelivered Mail Returned to Sender",
        DsnReportKind.Delay => "Delayed Mail (still being retried)",
        _ => "Successful Mail Delivery Report",
    };

    public static string Write(DsnRequest request, string hostname, bool returnsFullMessage)
    {
        var text = new StringBuilder(1024);
        text.Append("This is the mail relay at ").Append(hostname).Append(".\r\n\r\n");
        text.Append(Opening(request)).Append("\r\n\r\n");

        foreach (DsnRecipientStatus recipient in request.Recipients)
        {
            text.Append('<').Append(recipient.Recipient.Address).Append(">\r\n");
            if (recipient.Diagnostic is { Length: > 0 } diagnostic)
            {
                text.Append("    The server ").Append(recipient.RemoteMta ?? "receiving it").Append(" said: ")
                    .Append(MimeText.RemoveControls(diagnostic)).Append("\r\n");
            }
            else if (recipient.Detail.Length > 0)
            {
                text.Append("    Reason: ").Append(MimeText.RemoveControls(recipient.Detail)).Append("\r\n");
            }

            if (recipient.Action == DsnAction.Delayed && recipient.WillRetryUntil is { } until)
            {
                text.Append("    The relay will keep trying until ").Append(MimeText.FormatDate(until)).Append(".\r\n");
            }

            text.Append("    What to do: ").Append(DsnAdvice.For(recipient)).Append("\r\n\r\n");
        }

        text.Append(request.Kind == DsnReportKind.Failure && returnsFullMessage
            ? "Your message is attached below."
            : "The headers of your message are attached below.");
        text.Append("\r\n");
        return text.ToString();
    }

    private static string Opening(DsnRequest request)
    {
        string received = MimeText.FormatDate(request.Envelope.ReceivedAt);
        return request.Kind switch
        {
            DsnReportKind.Failure =>
                "Your message received on " + received + " could not be delivered to the recipients below.\r\nThe relay has given up; it will not try again.",
            DsnReportKind.Delay =>
                "Your message received on " + received + " has not been delivered yet to the recipients below.\r\nThe relay is still trying; you do not need to send it again.",
            _ => "Your message received on " + received + " was delivered to the recipients below.",
        };
    }
}
