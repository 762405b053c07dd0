using System.Text;
using Relaybox.Smtp.Delivery.Bounces;

namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>
/// The mail to the admin about one alert: a short plain-text RFC 5322 message, CRLF line ends, saying what
/// happened, since when, the reason and what to do. <see cref="EightBit"/> when any text is not ASCII (a
/// UTF-8 detail or address), <see cref="SmtpUtf8"/> when the admin address itself is not ASCII.
/// </summary>
internal sealed record AlertMail(byte[] Content, string MessageId, bool EightBit, bool SmtpUtf8)
{
    public static AlertMail Build(Alert alert, OwnerAlertOptions options, string adminAddress, DateTimeOffset now, string uniqueToken)
    {
        string messageId = "<" + uniqueToken + "@" + options.HostName + ">";
        string body = Body(alert, options);
        bool smtpUtf8 = !MimeText.IsAscii(adminAddress);
        bool eightBit = smtpUtf8 || !MimeText.IsAscii(body);

        var text = new StringBuilder(2048);
        MimeText.AppendField(text, "From", "relaybox <MAILER-DAEMON@" + options.HostName + ">");
        MimeText.AppendField(text, "To", "<" + adminAddress + ">");
        MimeText.AppendField(text, "Subject", AlertAdvice.Subject(alert.Kind));
        MimeText.AppendField(text, "Date", MimeText.FormatDate(now));
        MimeText.AppendField(text, "Message-ID", messageId);

        // RFC 3834 section 5: sent by a machine on its own, not in reply to a message, so that vacation
        // responders and other automatic answerers stay quiet.
        MimeText.AppendField(text, "Auto-Submitted", "auto-generated");
        MimeText.AppendField(text, "MIME-Version", "1.0");
        MimeText.AppendField(text, "Content-Type", "text/plain; charset=utf-8");

        // RFC 2045 section 6.2: 7bit whenever the text allows; 8bit (with BODY=8BITMIME) only for UTF-8 text.
        MimeText.AppendField(text, "Content-Transfer-Encoding", eightBit ? "8bit" : "7bit");
        text.Append("\r\n").Append(body);
        return new AlertMail(Encoding.UTF8.GetBytes(text.ToString()), messageId, eightBit, smtpUtf8);
    }

    private static string Body(Alert alert, OwnerAlertOptions options)
    {
        var body = new StringBuilder(1024);
        body.Append("relaybox on ").Append(options.HostName).Append(" needs your attention.\r\n\r\n");
        MimeText.AppendWrapped(body, AlertAdvice.WhatHappened(alert.Kind), string.Empty);
        body.Append("\r\n");
        body.Append("Since:  ").Append(MimeText.FormatDate(alert.Since)).Append("\r\n");

        // The reason stays on one line, exactly as the log gives it, so it can be searched for in both;
        // OwnerAlerts bounds it far below RFC 5322's 998-character line limit.
        body.Append("Reason: ").Append(MimeText.RemoveControls(alert.Detail)).Append("\r\n\r\n");
        body.Append("What to do:\r\n");
        MimeText.AppendWrapped(body, AlertAdvice.WhatToDo(alert.Kind, options.PasswordFile), "  ");
        body.Append("  ").Append(AlertAdvice.CommandIntro(alert.Kind)).Append("\r\n\r\n");
        body.Append("    ").Append(AlertAdvice.Command(alert.Kind)).Append("\r\n\r\n");
        MimeText.AppendWrapped(
            body,
            "Until this is fixed, mail waits in relaybox's queue. relaybox also writes this to its log and shows " +
            "it on the error LED and in the console. You get this mail once for this problem, and at most one " +
            "mail about it in " + Durations.Describe(options.MailInterval) + ".",
            string.Empty);
        return body.ToString();
    }
}
