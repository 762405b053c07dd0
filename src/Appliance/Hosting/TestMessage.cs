using System.Globalization;
using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The message "relaybox send-test" (and the console) queue: short plain text saying which box sent it and
/// when, from the admin address (or postmaster@hostname), committed to the spool like any accepted message so
/// it takes the real delivery path. The envelope sender is the From address: a test that a smarthost accepts
/// only with a null sender would prove less than it seems to.
/// </summary>
public sealed record TestMessage(byte[] Content, Envelope Envelope, string MessageId)
{
    public const string Subject = "relaybox test message";

    /// <summary>Where a message made by relaybox itself comes from, as the alert mails say too.</summary>
    private const string LocalClientAddress = "127.0.0.1";

    public static TestMessage Build(string from, string to, string hostname, string route, DateTimeOffset now, string uniqueToken)
    {
        string messageId = "<" + uniqueToken + "@" + hostname + ">";
        string date = now.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        bool smtpUtf8 = !Ascii.IsValid(from) || !Ascii.IsValid(to);

        var text = new StringBuilder(1024);
        text.Append("From: relaybox <").Append(from).Append(">\r\n");
        text.Append("To: <").Append(to).Append(">\r\n");
        text.Append("Subject: ").Append(Subject).Append("\r\n");
        text.Append("Date: ").Append(date).Append("\r\n");
        text.Append("Message-ID: ").Append(messageId).Append("\r\n");
        text.Append("Auto-Submitted: auto-generated\r\n");
        text.Append("MIME-Version: 1.0\r\n");
        text.Append("Content-Type: text/plain; charset=utf-8\r\n");
        text.Append("Content-Transfer-Encoding: ").Append(smtpUtf8 ? "8bit" : "7bit").Append("\r\n\r\n");
        text.Append("This is a test message from relaybox on ").Append(hostname).Append(".\r\n\r\n");
        text.Append("It was queued at ").Append(date).Append(" and sent ").Append(route).Append(".\r\n");
        text.Append("If you read this, mail from this box reaches you. Nothing else needs doing.\r\n");

        var envelope = new Envelope(
            ReversePath: from,
            Recipients: [new EnvelopeRecipient(to, DsnNotify.Default, null)],
            Body: smtpUtf8 ? BodyType.EightBitMime : BodyType.SevenBit,
            SmtpUtf8: smtpUtf8,
            Return: DsnReturn.Unspecified,
            EnvelopeId: null,
            AuthenticatedLogin: null,
            ClientAddress: LocalClientAddress,
            HeloName: hostname,
            ReceivedAt: now);
        return new TestMessage(Encoding.UTF8.GetBytes(text.ToString()), envelope, messageId);
    }
}
