using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Smtp.Tests.Delivery.Rewriting;

public sealed class HeaderFixerTests
{
    [Fact]
    public async Task CronMailGetsDateAndMessageIdAtTheEndOfTheHeader()
    {
        var output = await RewriteHarness.RewriteTextAsync("From: root (Cron Daemon)\r\nSubject: backup\r\n\r\nok\r\n");

        Assert.Equal(
            "From: root (Cron Daemon)\r\nSubject: backup\r\n" +
            "Date: Sun, 22 Nov 2026 15:00:00 +0000\r\n" +
            "Message-ID: <" + RewriteHarness.QueueId + "@" + RewriteHarness.HostName + ">\r\n" +
            "\r\nok\r\n",
            output);
    }

    [Theory]
    [InlineData("date: Mon, 1 Jan 2024 00:00:00 +0000\r\nmessage-id: <a@b>\r\n")]
    [InlineData("DATE: Mon, 1 Jan 2024 00:00:00 +0000\r\nMESSAGE-ID: <a@b>\r\n")]
    [InlineData("Date:\r\n Mon, 1 Jan 2024 00:00:00 +0000\r\nMessage-Id:\r\n\t<a@b>\r\n")]
    public async Task ExistingFieldsInAnyCaseOrFoldingAreNeverDuplicated(string fields)
    {
        string message = "Subject: x\r\n" + fields + "\r\nbody\r\n";

        var output = await RewriteHarness.RewriteTextAsync(message);

        Assert.Equal(message, output);
    }

    [Fact]
    public async Task OnlyTheMissingFieldIsAdded()
    {
        var output = await RewriteHarness.RewriteTextAsync("Message-ID: <keep@device>\r\n\r\nbody\r\n");

        Assert.Equal(1, RewriteHarness.CountFields(output, "Message-ID"));
        Assert.Equal(1, RewriteHarness.CountFields(output, "Date"));
        Assert.Contains("Message-ID: <keep@device>\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyWithoutSeparatorGetsTheEmptyLineAfterTheAddedFields()
    {
        var output = await RewriteHarness.RewriteTextAsync("Subject: hi\r\nthe body starts here\r\n");

        Assert.EndsWith(">\r\n\r\nthe body starts here\r\n", output, StringComparison.Ordinal);
        Assert.StartsWith("Subject: hi\r\nDate: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageWithoutAnyHeaderFieldGetsAHeader()
    {
        var output = await RewriteHarness.RewriteTextAsync("just text\r\n");

        Assert.StartsWith("Date: ", output, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\njust text\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderWithoutLineEndAtTheEndOfContentIsClosedWithCrlf()
    {
        var output = await RewriteHarness.RewriteTextAsync("Subject: no body");

        Assert.StartsWith("Subject: no body\r\nDate: ", output, StringComparison.Ordinal);
        Assert.EndsWith(">\r\n", output, StringComparison.Ordinal);
        Assert.False(RewriteHarness.HasBareLineFeed(output));
    }

    [Fact]
    public async Task RewritingTwiceEqualsRewritingOnce()
    {
        var once = await RewriteHarness.RewriteTextAsync("Subject: hi\r\nbody without separator\r\n");
        var twice = await RewriteHarness.RewriteTextAsync(once);

        Assert.Equal(once, twice);
    }

    [Fact]
    public void HostNameThatCannotBeAnIdRightIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new HeaderFixer("bad host"));
        Assert.Throws<ArgumentException>(() => new HeaderFixer("a@b"));
    }
}
