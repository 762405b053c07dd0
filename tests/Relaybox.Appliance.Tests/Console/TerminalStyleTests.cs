using Relaybox.Appliance.Console.Terminal;

namespace Relaybox.Appliance.Tests.Console;

public sealed class TerminalStyleTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dumb")]
    [InlineData("unknown")]
    public void ADumbOrUnknownTerminalGetsPlainText(string? term)
    {
        var style = TerminalStyle.FromEnvironment(term, null);

        Assert.Equal(TerminalStyle.Plain, style);
        Assert.Equal("! wrong", style.Problem("! wrong"));
        Assert.Equal("Title", style.Heading("Title"));
    }

    [Fact]
    public void AVt220GetsBoldButNoColour()
    {
        var style = TerminalStyle.FromEnvironment("vt220", null);

        Assert.Equal("\u001b[1mTitle\u001b[0m", style.Heading("Title"));
        Assert.DoesNotContain("[31m", style.Problem("! wrong"));
    }

    [Theory]
    [InlineData("xterm-256color")]
    [InlineData("linux")]
    [InlineData("screen")]
    public void ColourTerminalsGetRedProblems(string term) =>
        Assert.Equal("\u001b[31m! wrong\u001b[0m", TerminalStyle.FromEnvironment(term, null).Problem("! wrong"));

    [Fact]
    public void NoColorTurnsColourOffButKeepsBold()
    {
        var style = TerminalStyle.FromEnvironment("xterm", "1");

        Assert.False(style.Colour);
        Assert.True(style.Bold);
    }
}
