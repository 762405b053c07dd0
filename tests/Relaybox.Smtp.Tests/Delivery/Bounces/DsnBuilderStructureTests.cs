using System.Text;
using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using static Relaybox.Smtp.Tests.Delivery.Bounces.BounceFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

public class DsnBuilderStructureTests
{
    private static readonly EnvelopeRecipient Owner = new("owner@example.org", DsnNotify.Default, null);

    private static DsnMessage BuildFailure(string original) =>
        Builder().Build(Request(Envelope(), DsnReportKind.Failure, Encoding.ASCII.GetBytes(original), Failed(Owner)), "scanner@example.com");

    private static string HeaderSection(byte[] content)
    {
        string text = Encoding.ASCII.GetString(content);
        return text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
    }

    [Fact]
    public void EveryLineEndsWithCrlfAndNoBareCrOrLfAppears()
    {
        byte[] content = BuildFailure(Message()).Content;

        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                Assert.True(i > 0 && content[i - 1] == (byte)'\r', $"bare LF at {i}");
            }
            else if (content[i] == (byte)'\r')
            {
                Assert.True(i + 1 < content.Length && content[i + 1] == (byte)'\n', $"bare CR at {i}");
            }
        }

        Assert.EndsWith("\r\n", Encoding.ASCII.GetString(content), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAsciiOriginalGivesASevenBitNoticeWithNoLineOver998Octets()
    {
        DsnMessage notice = BuildFailure(Message());

        Assert.Equal(BodyType.SevenBit, notice.Body);
        Assert.DoesNotContain(notice.Content, b => b >= 0x80);
        foreach (string line in Encoding.ASCII.GetString(notice.Content).Split("\r\n"))
        {
            Assert.True(line.Length <= 998, "RFC 5322 section 2.1.1 line limit: " + line.Length);
        }
    }

    [Fact]
    public void TheNoticeComesFromMailerDaemonWithTheNullSenderAndIsMarkedAutoReplied()
    {
        DsnMessage notice = BuildFailure(Message());
        string headers = HeaderSection(notice.Content);

        Assert.Equal(string.Empty, notice.ReversePath);
        Assert.Equal("scanner@example.com", notice.Recipient);
        Assert.Contains("\r\nFrom: Mail Delivery System <MAILER-DAEMON@relay.example.net>", "\r\n" + headers, StringComparison.Ordinal);
        Assert.Contains("\r\nTo: <scanner@example.com>", "\r\n" + headers, StringComparison.Ordinal);
        Assert.Contains("\r\nAuto-Submitted: auto-replied", "\r\n" + headers, StringComparison.Ordinal);
        Assert.Contains("\r\nDate: Sun, 22 Nov 2026 09:15:42 +0000", "\r\n" + headers, StringComparison.Ordinal);
        Assert.Contains("\r\nMessage-ID: <0123456789abcdef@relay.example.net>", "\r\n" + headers, StringComparison.Ordinal);
        Assert.Equal("<0123456789abcdef@relay.example.net>", notice.MessageId);
    }

    [Fact]
    public void TheReportIsAMultipartReportOfTypeDeliveryStatusClosedByItsFinalBoundary()
    {
        string text = Encoding.ASCII.GetString(BuildFailure(Message()).Content);

        Assert.Contains("Content-Type: multipart/report; report-type=delivery-status;", text, StringComparison.Ordinal);
        Assert.Contains("boundary=\"=_relaybox_0123456789abcdef\"", text, StringComparison.Ordinal);
        Assert.Equal(3, CountOccurrences(text, "\r\n--=_relaybox_0123456789abcdef\r\n"));
        Assert.EndsWith("\r\n--=_relaybox_0123456789abcdef--\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARemoteReplyWithALineBreakCannotInjectAHeaderField()
    {
        var status = Failed(Owner, "550 5.7.1 refused\r\nX-Injected: yes");
        DsnMessage notice = Builder().Build(Request(Envelope(), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), status), "scanner@example.com");

        Assert.DoesNotContain("\r\nX-Injected:", Encoding.ASCII.GetString(notice.Content), StringComparison.Ordinal);
    }

    [Fact]
    public void ALongDiagnosticIsFoldedIntoContinuationLines()
    {
        string longReply = "550 5.7.1 " + string.Join(' ', Enumerable.Repeat("policy", 40));
        DsnMessage notice = Builder().Build(Request(Envelope(), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(Owner, longReply)), "scanner@example.com");
        string text = Encoding.ASCII.GetString(notice.Content);

        int start = text.IndexOf("Diagnostic-Code: smtp; 550 5.7.1", StringComparison.Ordinal);
        string firstLine = text[start..text.IndexOf("\r\n", start, StringComparison.Ordinal)];
        Assert.True(firstLine.Length <= 78, firstLine);
        Assert.Contains("\r\n policy", text[start..], StringComparison.Ordinal);
    }

    [Fact]
    public void ANoticeWithoutRecipientsIsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() =>
            Builder().Build(Request(Envelope(), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message())), "scanner@example.com"));
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
