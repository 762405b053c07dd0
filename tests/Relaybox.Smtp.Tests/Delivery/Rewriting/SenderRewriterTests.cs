using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Smtp.Tests.Delivery.Rewriting;

public sealed class SenderRewriterTests
{
    private const string Complete = "Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nMessage-ID: <m@printer>\r\n";

    private static readonly SenderRewriteMap Map = new(new Dictionary<string, string>
    {
        ["scanner@printer.lan"] = "scans@example.org",
        ["@nas.lan"] = "nas@example.org",
        ["*"] = "devices@example.org",
    });

    [Theory]
    [InlineData("scanner@printer.lan", "scans@example.org")]
    [InlineData("SCANNER@Printer.LAN", "scans@example.org")]
    [InlineData("backup@nas.lan", "nas@example.org")]
    [InlineData("root", "devices@example.org")]
    [InlineData("someone@elsewhere.example", "devices@example.org")]
    public void MapTriesExactThenDomainThenDefault(string sender, string expected)
    {
        Assert.Equal(expected, new SenderRewriter(Map).RewriteEnvelopeSender(sender));
    }

    [Fact]
    public void MappedEnvelopeSenderIsNotCaughtByTheDefaultOnASecondPass()
    {
        var rewriter = new SenderRewriter(Map);

        Assert.Equal("scans@example.org", rewriter.RewriteEnvelopeSender(rewriter.RewriteEnvelopeSender("scanner@printer.lan")));
    }

    [Fact]
    public void NullSenderIsNeverRewritten()
    {
        Assert.Equal(string.Empty, new SenderRewriter(Map).RewriteEnvelopeSender(string.Empty));
    }

    [Fact]
    public void WithoutDefaultAnUnmappedSenderStays()
    {
        var map = new SenderRewriteMap(new Dictionary<string, string> { ["@nas.lan"] = "nas@example.org" });

        Assert.Equal("cam@cams.lan", new SenderRewriter(map).RewriteEnvelopeSender("cam@cams.lan"));
    }

    [Fact]
    public void TargetThatIsNotAPlainAddressIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SenderRewriteMap(new Dictionary<string, string> { ["*"] = "Name <a@b>" }));
        Assert.Throws<ArgumentException>(() => new SenderRewriteMap(new Dictionary<string, string> { ["*"] = "root" }));
    }

    [Fact]
    public async Task FromKeepsDisplayNameAndOriginalGoesToXOriginalFrom()
    {
        var output = await RewriteHarness.RewriteTextAsync("From: \"Office Scanner\" <scanner@printer.lan>\r\n" + Complete + "\r\nscan\r\n", Map);

        Assert.StartsWith("From: \"Office Scanner\" <scans@example.org>\r\n", output, StringComparison.Ordinal);
        Assert.Contains("X-Original-From: \"Office Scanner\" <scanner@printer.lan>\r\n\r\nscan\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CronStyleFromKeepsItsComment()
    {
        var output = await RewriteHarness.RewriteTextAsync("from: root (Cron Daemon)\r\n" + Complete + "\r\nok\r\n", Map);

        Assert.StartsWith("from: devices@example.org (Cron Daemon)\r\n", output, StringComparison.Ordinal);
        Assert.Contains("X-Original-From: root (Cron Daemon)\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FoldedFromIsRewrittenAndTheOriginalKeepsItsFolding()
    {
        var output = await RewriteHarness.RewriteTextAsync("FROM: Backup Job\r\n <backup@nas.lan>\r\n" + Complete + "\r\nok\r\n", Map);

        Assert.StartsWith("FROM: Backup Job <nas@example.org>\r\n", output, StringComparison.Ordinal);
        Assert.Contains("X-Original-From: Backup Job\r\n <backup@nas.lan>\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BareLineFeedInTheOriginalFromBecomesCrlfInTheCopy()
    {
        var output = await RewriteHarness.RewriteTextAsync("From: Backup\n <backup@nas.lan>\r\n" + Complete + "\r\nok\r\n", Map);

        Assert.Contains("X-Original-From: Backup\r\n <backup@nas.lan>\r\n", output, StringComparison.Ordinal);
        Assert.StartsWith("From: Backup <nas@example.org>\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewritingTwiceEqualsRewritingOnce()
    {
        var once = await RewriteHarness.RewriteTextAsync("From: Scanner <scanner@printer.lan>\r\n\r\nscan\r\n", Map);
        var twice = await RewriteHarness.RewriteTextAsync(once, Map);

        Assert.Equal(once, twice);
        Assert.Equal(1, RewriteHarness.CountFields(twice, "X-Original-From"));
    }

    [Fact]
    public async Task AnExistingXOriginalFromIsKeptAndNotDuplicated()
    {
        var output = await RewriteHarness.RewriteTextAsync("X-Original-From: first@origin\r\nFrom: scanner@printer.lan\r\n" + Complete + "\r\nscan\r\n", Map);

        Assert.Equal(1, RewriteHarness.CountFields(output, "X-Original-From"));
        Assert.StartsWith("X-Original-From: first@origin\r\nFrom: scans@example.org\r\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("From: a@printer.lan, b@printer.lan\r\n")]
    [InlineData("From: Devices: a@printer.lan;\r\n")]
    [InlineData("From: Two Words\r\n")]
    public async Task FromThatIsNotOneMailboxIsLeftAlone(string from)
    {
        string message = from + Complete + "\r\nbody\r\n";

        var output = await RewriteHarness.RewriteTextAsync(message, Map);

        Assert.Equal(message, output);
    }

    [Fact]
    public async Task BounceKeepsItsFrom()
    {
        string message = "From: Mail Delivery System <MAILER-DAEMON@printer.lan>\r\n" + Complete + "\r\nbounce\r\n";

        var output = await RewriteHarness.RewriteTextAsync(message, Map, sender: string.Empty);

        Assert.Equal(message, output);
    }

    [Theory]
    [InlineData("From: <scanner@printer.lan>\r\n", "From: <scans@example.org>\r\n")]
    [InlineData("From: scanner@printer.lan\r\n", "From: scans@example.org\r\n")]
    [InlineData("From: \"scanner\"@printer.lan\r\n", "From: scans@example.org\r\n")]
    [InlineData("From: \"Lab, 2nd floor\" <scanner@printer.lan> (old model)\r\n", "From: \"Lab, 2nd floor\" <scans@example.org> (old model)\r\n")]
    public async Task FromFormsAreRewrittenInPlace(string from, string expected)
    {
        var section = await RewriteHarness.ReadSectionAsync(from + "\r\n");
        Assert.NotNull(section);
        var edit = new HeaderEdit(section);

        var outcome = new SenderRewriter(Map).RewriteFromField(edit, isNullSender: false);

        Assert.Equal(FromRewrite.Rewritten, outcome);
        Assert.StartsWith(expected, System.Text.Encoding.ASCII.GetString(edit.ToBytes()), StringComparison.Ordinal);
    }
}
