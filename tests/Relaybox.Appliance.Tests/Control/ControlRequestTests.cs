using Relaybox.Appliance.Control;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>The strict parsing of the daemon verbs the console uses: reload, log [N], test-mail ADDRESS, button.</summary>
public sealed class ControlRequestTests
{
    [Theory]
    [InlineData("reload", ControlVerb.Reload, null)]
    [InlineData("button", ControlVerb.Button, null)]
    [InlineData("log", ControlVerb.Log, null)]
    [InlineData("log 7", ControlVerb.Log, "7")]
    [InlineData("log 200", ControlVerb.Log, "200")]
    [InlineData("test-mail you@example.net", ControlVerb.TestMail, "you@example.net")]
    public void TheDaemonVerbsParseWithTheirArgument(string line, ControlVerb verb, string? argument)
    {
        Assert.True(ControlRequest.TryParse(line, out var request, out var error));

        Assert.Equal(ControlRequestError.None, error);
        Assert.Equal(new ControlRequest(verb, argument), request);
        Assert.Equal(line, request!.ToString());
    }

    [Theory]
    [InlineData("log 0")]
    [InlineData("log 201")]
    [InlineData("log -1")]
    [InlineData("log ten")]
    [InlineData("log +5")]
    public void ALogCountOutsideOneToTwoHundredIsRefused(string line)
    {
        Assert.False(ControlRequest.TryParse(line, out _, out var error));
        Assert.Equal(ControlRequestError.NotALineCount, error);
    }

    [Theory]
    [InlineData("reload now", ControlRequestError.UnexpectedArgument)]
    [InlineData("button 1", ControlRequestError.UnexpectedArgument)]
    [InlineData("log 5 6", ControlRequestError.UnexpectedArgument)]
    [InlineData("test-mail", ControlRequestError.MissingAddress)]
    [InlineData("test-mail ", ControlRequestError.MissingAddress)]
    [InlineData("test-mail a@b.example c@d.example", ControlRequestError.UnexpectedArgument)]
    [InlineData("Reload", ControlRequestError.UnknownVerb)]
    public void MistakesInTheDaemonVerbsAreNamed(string line, ControlRequestError expected)
    {
        Assert.False(ControlRequest.TryParse(line, out var request, out var error));
        Assert.Null(request);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void ALogRequestWithoutACountAsksForTheDefaultFifty()
    {
        Assert.True(ControlRequest.TryParse("log", out var request, out _));
        Assert.Equal(50, request!.LogLines);
        Assert.Equal(12, ControlRequest.Log(12).LogLines);
    }

    [Fact]
    public void TheUnknownVerbReplyListsTheNewVerbs()
    {
        string text = ControlRequest.Describe(ControlRequestError.UnknownVerb);

        Assert.Contains("reload", text);
        Assert.Contains("log [N]", text);
        Assert.Contains("test-mail ADDRESS", text);
        Assert.Contains("button", text);
    }
}
