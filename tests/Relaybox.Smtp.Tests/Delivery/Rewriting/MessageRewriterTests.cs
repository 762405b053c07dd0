using System.Text;
using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Smtp.Tests.Delivery.Rewriting;

public sealed class MessageRewriterTests
{
    private static readonly SenderRewriteMap Map = new(new Dictionary<string, string> { ["*"] = "devices@example.org" });

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(65536)]
    public async Task BodyIsPreservedByteForByte(int chunk)
    {
        var body = new byte[200_000];
        new Random(3).NextBytes(body);
        var header = "From: Scanner <scanner@printer.lan>\r\nSubject: scan\r\n\r\n"u8.ToArray();
        byte[] message = [.. header, .. body];

        var (content, rewritten) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(Map), RewriteHarness.Envelope("scanner@printer.lan", "root"), message, chunk);

        Assert.Equal(body, content[^body.Length..]);
        Assert.Equal(content.Length, rewritten.Size);
        Assert.True(content.AsSpan(0, content.Length - body.Length).EndsWith("\r\n\r\n"u8));
    }

    [Fact]
    public async Task EnvelopeAndHeaderAreRewrittenTogether()
    {
        var message = Encoding.ASCII.GetBytes("From: root (Cron Daemon)\r\nSubject: cron\r\n\r\nok\r\n");

        var (content, rewritten) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(Map), RewriteHarness.Envelope("root", "root", "alice@example.com"), message);

        Assert.Equal("devices@example.org", rewritten.Envelope.ReversePath);
        Assert.Equal(["admin@example.org", "alice@example.com"], rewritten.Envelope.Recipients.Select(r => r.Address));
        Assert.Equal(1, rewritten.Report.RecipientsRedirected);
        Assert.True(rewritten.Report.EnvelopeSenderRewritten);
        Assert.Equal(FromRewrite.Rewritten, rewritten.Report.From);
        Assert.Equal(HeaderFixes.AddedDate | HeaderFixes.AddedMessageId, rewritten.Report.HeaderFixes);
        Assert.StartsWith("From: devices@example.org (Cron Daemon)\r\n", Encoding.ASCII.GetString(content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageNeedingNothingComesOutIdentical()
    {
        var message = Encoding.ASCII.GetBytes("Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nMessage-ID: <a@b>\r\nFrom: a@example.com\r\n\r\nhello\r\n");

        var (content, rewritten) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(), RewriteHarness.Envelope("a@example.com", "b@example.com"), message);

        Assert.Equal(message, content);
        Assert.Equal(message.Length, rewritten.Size);
        Assert.False(rewritten.Report.ChangedAnything);
    }

    [Fact]
    public async Task OversizedHeaderPassesThroughUntouchedAndIsReported()
    {
        var header = new StringBuilder("From: root\r\n");
        while (header.Length < 5000)
        {
            header.Append("Received: from somewhere by somewhere else\r\n");
        }

        var message = Encoding.ASCII.GetBytes(header + "\r\nbody\r\n");

        var (content, rewritten) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(Map, maxHeaderOctets: 4096), RewriteHarness.Envelope("root", "root"), message);

        Assert.Equal(message, content);
        Assert.True(rewritten.Report.HeaderTooLarge);
        Assert.Equal(FromRewrite.HeaderNotRead, rewritten.Report.From);
        Assert.Equal(message.Length, rewritten.Size);
        Assert.Equal("devices@example.org", rewritten.Envelope.ReversePath); // the envelope is still rewritten
    }

    [Fact]
    public async Task RewritingTwiceEqualsRewritingOnce()
    {
        var message = Encoding.ASCII.GetBytes("from: Printer <scan@printer.lan>\r\nsubject: x\r\nbody with no separator\r\n");
        var rewriter = RewriteHarness.Rewriter(Map);

        var (once, first) = await RewriteHarness.RunAsync(rewriter, RewriteHarness.Envelope("scan@printer.lan", "root"), message);
        var (twice, second) = await RewriteHarness.RunAsync(rewriter, first.Envelope, once);

        Assert.Equal(once, twice);
        Assert.Equal(first.Envelope.ReversePath, second.Envelope.ReversePath);
        Assert.Equal(first.Envelope.Recipients, second.Envelope.Recipients);
        Assert.False(second.Report.ChangedAnything);
    }

    [Fact]
    public async Task EmptyMessageGetsOnlyTheRequiredFields()
    {
        var (content, rewritten) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(), RewriteHarness.Envelope("", "root"), []);

        string text = Encoding.ASCII.GetString(content);
        Assert.StartsWith("Date: ", text, StringComparison.Ordinal);
        Assert.Equal(1, RewriteHarness.CountFields(text, "Message-ID"));
        Assert.Equal(content.Length, rewritten.Size);
        Assert.Equal(string.Empty, rewritten.Envelope.ReversePath);
    }
}
