using System.Text;
using System.Text.Json;
using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using static Relaybox.Smtp.Tests.Delivery.Bounces.BounceFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

/// <summary>The notices as an independent MIME parser (Python's email package) reads them.</summary>
public class DsnBuilderPythonTests
{
    private static readonly EnvelopeRecipient Owner = new("owner@example.org", DsnNotify.Default, null);

    private static JsonElement Parse(DsnMessage notice) => PythonEmailParser.Parse(notice.Content).RootElement;

    private static string[] Types(JsonElement tree) =>
        [.. tree.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("type").GetString()!)];

    /// <summary>The text part with line breaks and indentation collapsed, since the report is word-wrapped.</summary>
    private static string Text(JsonElement parsed) =>
        string.Join(' ', parsed.GetProperty("text").GetString()!.Split([' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static string Field(JsonElement block, string name) => block.GetProperty(name).GetString()!;

    [Fact]
    public void AFailureParsesAsReportWithTextStatusAndTheFullOriginal()
    {
        byte[] original = Encoding.ASCII.GetBytes(Message());
        JsonElement parsed = Parse(Builder().Build(Request(Envelope(), DsnReportKind.Failure, original, Failed(Owner)), "scanner@example.com"));

        Assert.Equal("multipart/report", parsed.GetProperty("tree").GetProperty("type").GetString());
        Assert.Equal("delivery-status", parsed.GetProperty("report_type").GetString());
        Assert.Equal(["text/plain", "message/delivery-status", "message/rfc822"], Types(parsed.GetProperty("tree")));
        Assert.Empty(parsed.GetProperty("defects").EnumerateArray());
        JsonElement returned = parsed.GetProperty("returned");
        Assert.Equal("full", returned.GetProperty("kind").GetString());
        Assert.Equal("Scan from printer", returned.GetProperty("subject").GetString());
        Assert.Contains("body line of the scanned document", returned.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDeliveryStatusCarriesPerMessageAndPerRecipientFields()
    {
        var second = new EnvelopeRecipient("boss@example.org", DsnNotify.Default, null);
        var envelope = Envelope(recipients: [Owner, second]);
        var secondStatus = Failed(second, "552 5.2.2 mailbox full");
        JsonElement parsed = Parse(Builder().Build(
            Request(envelope, DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(Owner), secondStatus with { Status = "5.2.2" }),
            "scanner@example.com"));

        JsonElement[] blocks = [.. parsed.GetProperty("blocks").EnumerateArray()];
        Assert.Equal(3, blocks.Length);
        Assert.Equal("dns; relay.example.net", Field(blocks[0], "Reporting-MTA"));
        Assert.Equal("dns; printer.lan", Field(blocks[0], "Received-From-MTA"));
        Assert.Equal("Fri, 20 Nov 2026 08:30:00 +0000", Field(blocks[0], "Arrival-Date"));
        Assert.False(blocks[0].TryGetProperty("Original-Envelope-Id", out _));

        Assert.Equal("rfc822; owner@example.org", Field(blocks[1], "Final-Recipient"));
        Assert.Equal("failed", Field(blocks[1], "Action"));
        Assert.Equal("5.1.1", Field(blocks[1], "Status"));
        Assert.Equal("dns; smtp.provider.example", Field(blocks[1], "Remote-MTA"));
        Assert.Equal("smtp; 550 5.1.1 <owner@example.org>: Recipient address rejected: User unknown", Field(blocks[1], "Diagnostic-Code"));
        Assert.Equal("Sun, 22 Nov 2026 09:15:42 +0000", Field(blocks[1], "Last-Attempt-Date"));
        Assert.False(blocks[1].TryGetProperty("Original-Recipient", out _));
        Assert.False(blocks[1].TryGetProperty("Will-Retry-Until", out _));

        Assert.Equal("rfc822; boss@example.org", Field(blocks[2], "Final-Recipient"));
        Assert.Equal("5.2.2", Field(blocks[2], "Status"));
        Assert.Equal("smtp; 552 5.2.2 mailbox full", Field(blocks[2], "Diagnostic-Code"));
    }

    [Fact]
    public void TheTextPartNamesEachRecipientTheReplyAndWhatToDo()
    {
        JsonElement parsed = Parse(Builder().Build(Request(Envelope(), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(Owner)), "scanner@example.com"));
        string text = Text(parsed);

        Assert.Contains("<owner@example.org>", text, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 <owner@example.org>: Recipient address rejected: User unknown", text, StringComparison.Ordinal);
        Assert.Contains("Check the spelling of this address", text, StringComparison.Ordinal);
        Assert.Contains("will not try again", text, StringComparison.Ordinal);
        Assert.Equal("Undelivered Mail Returned to Sender", parsed.GetProperty("headers").GetProperty("Subject").GetString());
    }

    [Fact]
    public void RetHdrsReturnsOnlyTheHeadersAsTextRfc822Headers()
    {
        JsonElement parsed = Parse(Builder().Build(
            Request(Envelope(ret: DsnReturn.Headers), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(Owner)),
            "scanner@example.com"));

        Assert.Equal(["text/plain", "message/delivery-status", "text/rfc822-headers"], Types(parsed.GetProperty("tree")));
        JsonElement returned = parsed.GetProperty("returned");
        Assert.Equal("headers", returned.GetProperty("kind").GetString());
        Assert.Equal("<scan-1@printer.lan>", returned.GetProperty("message_id").GetString());
        Assert.DoesNotContain("body line", returned.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RetFullReturnsTheWholeMessage()
    {
        JsonElement parsed = Parse(Builder().Build(
            Request(Envelope(ret: DsnReturn.Full), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(Owner)),
            "scanner@example.com"));

        Assert.Equal("full", parsed.GetProperty("returned").GetProperty("kind").GetString());
    }

    [Fact]
    public void AnOriginalOverTheSizeCapReturnsHeadersEvenWithRetFull()
    {
        var options = new DsnOptions(Hostname) { FullReturnLimit = 4096 };
        byte[] small = Encoding.ASCII.GetBytes(Message(bodyBytes: 2048));
        byte[] large = Encoding.ASCII.GetBytes(Message(bodyBytes: 8192));

        JsonElement underCap = Parse(Builder(options).Build(Request(Envelope(ret: DsnReturn.Full), DsnReportKind.Failure, small, Failed(Owner)), "scanner@example.com"));
        DsnMessage overCapNotice = Builder(options).Build(Request(Envelope(ret: DsnReturn.Full), DsnReportKind.Failure, large, Failed(Owner)), "scanner@example.com");
        JsonElement overCap = Parse(overCapNotice);

        Assert.Equal("full", underCap.GetProperty("returned").GetProperty("kind").GetString());
        Assert.Equal("headers", overCap.GetProperty("returned").GetProperty("kind").GetString());
        Assert.Equal("Scan from printer", overCap.GetProperty("returned").GetProperty("subject").GetString());
        Assert.True(overCapNotice.Content.Length < large.Length, "the notice must not carry the large body");
        Assert.Contains("headers of your message", Text(overCap), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultSizeCapIs256KiB()
    {
        byte[] justOver = Encoding.ASCII.GetBytes(Message(bodyBytes: (256 * 1024) + 64));
        byte[] under = Encoding.ASCII.GetBytes(Message(bodyBytes: (256 * 1024) - 1024));
        Assert.True(justOver.Length > 256 * 1024 && under.Length <= 256 * 1024, "fixture sizes straddle the cap");

        JsonElement over = Parse(Builder().Build(Request(Envelope(), DsnReportKind.Failure, justOver, Failed(Owner)), "scanner@example.com"));
        JsonElement fits = Parse(Builder().Build(Request(Envelope(), DsnReportKind.Failure, under, Failed(Owner)), "scanner@example.com"));

        Assert.Equal("headers", over.GetProperty("returned").GetProperty("kind").GetString());
        Assert.Equal("full", fits.GetProperty("returned").GetProperty("kind").GetString());
    }

    [Fact]
    public void OrcptAndEnvidComeBackDecodedFromXtext()
    {
        var recipient = new EnvelopeRecipient("owner@example.org", DsnNotify.Failure, "rfc822;Owner+2BScans@Example.org");
        var envelope = Envelope(envelopeId: "scan+3D42-job7", recipients: [recipient]);
        JsonElement parsed = Parse(Builder().Build(Request(envelope, DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(recipient)), "scanner@example.com"));

        JsonElement[] blocks = [.. parsed.GetProperty("blocks").EnumerateArray()];
        Assert.Equal("scan=42-job7", Field(blocks[0], "Original-Envelope-Id"));
        Assert.Equal("rfc822; Owner+Scans@Example.org", Field(blocks[1], "Original-Recipient"));
        Assert.Equal("rfc822; owner@example.org", Field(blocks[1], "Final-Recipient"));
    }

    [Fact]
    public void ADelayWarningSaysDelayedWithWillRetryUntilAndReturnsHeadersOnly()
    {
        JsonElement parsed = Parse(Builder().Build(Request(Envelope(ret: DsnReturn.Full), DsnReportKind.Delay, Encoding.ASCII.GetBytes(Message()), Delayed(Owner)), "scanner@example.com"));

        JsonElement block = parsed.GetProperty("blocks").EnumerateArray().ElementAt(1);
        Assert.Equal("delayed", Field(block, "Action"));
        Assert.Equal("4.4.1", Field(block, "Status"));
        Assert.Equal("Wed, 25 Nov 2026 09:15:42 +0000", Field(block, "Will-Retry-Until"));
        Assert.False(block.TryGetProperty("Diagnostic-Code", out _));
        Assert.False(block.TryGetProperty("Remote-MTA", out _));
        Assert.Equal("headers", parsed.GetProperty("returned").GetProperty("kind").GetString());
        Assert.Equal("Delayed Mail (still being retried)", parsed.GetProperty("headers").GetProperty("Subject").GetString());
        string text = Text(parsed);
        Assert.Contains("still trying", text, StringComparison.Ordinal);
        Assert.Contains("connection to smtp.provider.example:587 timed out", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAsciiTextIsSentAsQuotedPrintableAndDecodesBack()
    {
        var recipient = new EnvelopeRecipient("jörg@example.org", DsnNotify.Default, null);
        DsnMessage notice = Builder().Build(
            Request(Envelope(recipients: [recipient]), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(recipient, "550 5.1.1 unknown user jörg – gone")),
            "scanner@example.com");
        JsonElement parsed = Parse(notice);

        Assert.DoesNotContain(notice.Content, b => b >= 0x80);
        Assert.Contains("Content-Transfer-Encoding: quoted-printable", Encoding.ASCII.GetString(notice.Content), StringComparison.Ordinal);
        Assert.Contains("<jörg@example.org>", Text(parsed), StringComparison.Ordinal);
        JsonElement block = parsed.GetProperty("blocks").EnumerateArray().ElementAt(1);
        Assert.Equal("utf-8; j\\x{F6}rg@example.org", Field(block, "Final-Recipient"));
    }

    [Fact]
    public void AnEightBitOriginalIsReturnedUnchangedAndMarksTheNoticeEightBit()
    {
        byte[] original = [.. Encoding.ASCII.GetBytes("Subject: Caf"), 0xC3, 0xA9, .. Encoding.ASCII.GetBytes("\r\n\r\nna"), 0xC3, 0xAF, .. Encoding.ASCII.GetBytes("ve body\r\n")];
        DsnMessage notice = Builder().Build(Request(Envelope(), DsnReportKind.Failure, original, Failed(Owner)), "scanner@example.com");
        JsonElement parsed = Parse(notice);

        Assert.Equal(BodyType.EightBitMime, notice.Body);
        Assert.True(notice.Content.AsSpan().IndexOf(original) >= 0, "the original bytes must appear unchanged");
        Assert.Contains("Content-Transfer-Encoding: 8bit", Encoding.ASCII.GetString(notice.Content), StringComparison.Ordinal);
        Assert.Equal("full", parsed.GetProperty("returned").GetProperty("kind").GetString());
    }

    [Fact]
    public void AHeaderSectionOverTheHeaderLimitIsCutAtACompleteLine()
    {
        var options = new DsnOptions(Hostname) { HeaderReturnLimit = 200 };
        string original = "Subject: first\r\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"X-Trace-{i}: hop {i}\r\n")) + "\r\nbody\r\n";
        DsnMessage notice = Builder(options).Build(
            Request(Envelope(ret: DsnReturn.Headers), DsnReportKind.Failure, Encoding.ASCII.GetBytes(original), Failed(Owner)),
            "scanner@example.com");
        JsonElement parsed = Parse(notice);

        string returned = parsed.GetProperty("returned").GetProperty("body").GetString()!;
        Assert.StartsWith("Subject: first", returned, StringComparison.Ordinal);
        Assert.True(returned.Length <= 200 + 2, returned.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("X-Trace-19", returned, StringComparison.Ordinal);
        Assert.Matches(@"X-Trace-\d+: hop \d+\r?\n$", returned);
    }

    [Fact]
    public void TheTextIsWrappedAt76CharactersAndAHugeReplyKeepsEveryLineUnder998()
    {
        string hugeReply = "550 5.7.1 " + string.Join(' ', Enumerable.Repeat("refused", 60)) + " " + new string('x', 3000);
        DsnMessage notice = Builder().Build(Request(Envelope(), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(Owner, hugeReply)), "scanner@example.com");
        JsonElement parsed = Parse(notice);

        string[] textLines = parsed.GetProperty("text").GetString()!.Split('\n');
        Assert.All(textLines, line => Assert.True(line.TrimEnd('\r').Length <= 76, line));
        Assert.All(Encoding.ASCII.GetString(notice.Content).Split("\r\n"), line => Assert.True(line.Length <= 998, line.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("refused refused", Text(parsed), StringComparison.Ordinal);
        JsonElement block = parsed.GetProperty("blocks").EnumerateArray().ElementAt(1);
        Assert.StartsWith("smtp; 550 5.7.1 refused", Field(block, "Diagnostic-Code"), StringComparison.Ordinal);
    }

    [Fact]
    public void AUtf8RecipientOfTheNoticeNeedsSmtpUtf8AndAppearsInTheToField()
    {
        DsnMessage notice = Builder().Build(Request(Envelope(), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(Owner)), "jörg@example.com");
        DsnMessage asciiNotice = Builder().Build(Request(Envelope(), DsnReportKind.Failure, Encoding.ASCII.GetBytes(Message()), Failed(Owner)), "scanner@example.com");

        Assert.True(notice.RequiresSmtpUtf8);
        Assert.False(asciiNotice.RequiresSmtpUtf8);
        Assert.Contains("To: <jörg@example.com>\r\n", Encoding.UTF8.GetString(notice.Content), StringComparison.Ordinal);
        Assert.Equal(BodyType.EightBitMime, notice.Body);
    }

    [Fact]
    public void TheBoundaryIsRedrawnWhenTheOriginalHappensToContainIt()
    {
        var tokens = new Queue<string>(["collide", "fresh"]);
        var builder = new DsnBuilder(new DsnOptions(Hostname), new FixedClock(Now), tokens.Dequeue);
        byte[] original = Encoding.ASCII.GetBytes(Message() + "--=_relaybox_collide\r\n");

        DsnMessage notice = builder.Build(Request(Envelope(), DsnReportKind.Failure, original, Failed(Owner)), "scanner@example.com");
        JsonElement parsed = Parse(notice);

        Assert.Contains("boundary=\"=_relaybox_fresh\"", Encoding.ASCII.GetString(notice.Content), StringComparison.Ordinal);
        Assert.Equal(["text/plain", "message/delivery-status", "message/rfc822"], Types(parsed.GetProperty("tree")));
        Assert.Contains("--=_relaybox_collide", parsed.GetProperty("returned").GetProperty("body").GetString(), StringComparison.Ordinal);
    }
}
