using System.Text;
using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

/// <summary>Envelopes, recipient statuses and originals shared by the bounce tests.</summary>
internal static class BounceFixtures
{
    public static readonly DateTimeOffset Received = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 15, 42, TimeSpan.Zero);
    public const string Hostname = "relay.example.net";

    public static Envelope Envelope(
        string sender = "scanner@example.com",
        DsnReturn ret = DsnReturn.Unspecified,
        string? envelopeId = null,
        params EnvelopeRecipient[] recipients) =>
        new(sender,
            recipients.Length > 0 ? recipients : [new EnvelopeRecipient("owner@example.org", DsnNotify.Default, null)],
            BodyType.SevenBit,
            SmtpUtf8: false,
            ret,
            envelopeId,
            AuthenticatedLogin: null,
            ClientAddress: "192.168.1.20",
            HeloName: "printer.lan",
            ReceivedAt: Received);

    public static DsnRecipientStatus Failed(EnvelopeRecipient recipient, string reply = "550 5.1.1 <owner@example.org>: Recipient address rejected: User unknown") =>
        new(recipient, DsnAction.Failed, "5.1.1", "smtp.provider.example", reply, "rejected by the upstream", Now, null);

    public static DsnRecipientStatus Delayed(EnvelopeRecipient recipient) =>
        new(recipient, DsnAction.Delayed, "4.4.1", null, null, "connection to smtp.provider.example:587 timed out", Now, Now.AddDays(3));

    public static string Message(string subject = "Scan from printer", int bodyBytes = 64)
    {
        var text = new StringBuilder();
        text.Append("From: Printer <scanner@example.com>\r\n");
        text.Append("To: owner@example.org\r\n");
        text.Append("Subject: ").Append(subject).Append("\r\n");
        text.Append("Message-ID: <scan-1@printer.lan>\r\n");
        text.Append("\r\n");
        for (int written = 0; written < bodyBytes; written += 64)
        {
            text.Append("body line of the scanned document, padded to sixty-four bytes.\r\n");
        }

        return text.ToString();
    }

    public static DsnRequest Request(Envelope envelope, DsnReportKind kind, byte[] original, params DsnRecipientStatus[] statuses) =>
        new(envelope, kind, statuses, () => new MemoryStream(original, writable: false), original.Length);

    public static DsnBuilder Builder(DsnOptions? options = null) =>
        new(options ?? new DsnOptions(Hostname), new FixedClock(Now), () => "0123456789abcdef");
}
