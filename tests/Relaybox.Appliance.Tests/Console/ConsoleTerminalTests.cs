using System.Text;
using Relaybox.Appliance.Console.Prompts;
using Relaybox.Appliance.Console.Terminal;

namespace Relaybox.Appliance.Tests.Console;

public sealed class ConsoleTerminalTests
{
    [Fact]
    public void LinesEndWithCrLfBecauseRawModeTurnsOutputProcessingOff()
    {
        var (terminal, output) = Terminal("");

        terminal.WriteLine("one\ntwo");

        Assert.Equal("one\r\ntwo\r\n", Text(output));
    }

    [Fact]
    public void LongOutputIsPagedAndQStopsIt()
    {
        var (terminal, output) = Terminal("\rq\r", rows: 6);
        var lines = Enumerable.Range(1, 20).Select(i => $"line {i}").ToList();

        terminal.Page(lines);

        string screen = Text(output).Replace("\r", "");
        Assert.Contains("line 5\n-- 15 more lines", screen);
        Assert.Contains("line 10\n-- 10 more lines", screen);
        Assert.DoesNotContain("line 11", screen);
    }

    [Fact]
    public void ASecretIsNotEchoed()
    {
        var (terminal, output) = Terminal("hunter22\r");

        string secret = terminal.ReadSecret("Password: ");

        Assert.Equal("hunter22", secret);
        Assert.DoesNotContain("hunter", Text(output));
    }

    [Fact]
    public void CtrlCAndCtrlDCancelAndTheEndOfInputIsADisconnection()
    {
        Assert.False(Assert.Throws<PromptCancelledException>(() => Terminal("ab\u0003").Terminal.ReadLine("? ")).EndOfInput);
        Assert.True(Assert.Throws<PromptCancelledException>(() => Terminal("\u0004").Terminal.ReadLine("? ")).EndOfInput);
        Assert.Throws<TerminalDisconnectedException>(() => Terminal("half a li").Terminal.ReadLine("? "));
    }

    [Fact]
    public void AnEmptyAnswerTakesTheSuggestionAndAWrongOneIsAskedAgain()
    {
        var (terminal, output) = Terminal("\r");
        Assert.Equal("587", new Questions(terminal).Ask("Port", "587", _ => null));

        (terminal, output) = Terminal("abc\r25\r");
        string answer = new Questions(terminal).Ask("Port", null, a => a.All(char.IsDigit) ? null : "a number, please");

        Assert.Equal("25", answer);
        Assert.Contains("! a number, please", Text(output));
    }

    [Fact]
    public void ANewPasswordMustBeTypedTheSameTwiceAndBeLongEnough()
    {
        var (terminal, output) = Terminal("short\rlongenough1\rlongenough2\rlongenough1\rlongenough1\r");

        string password = new Questions(terminal).AskNewPassword("printer");

        Assert.Equal("longenough1", password);
        Assert.Contains("! too short", Text(output));
        Assert.Contains("! the two passwords differ", Text(output));
        Assert.DoesNotContain("longenough", Text(output));
    }

    [Fact]
    public void CapturedOutputKeepsLinesAndABoundedNumberOfThem()
    {
        using var captured = new CapturedOutput();
        for (int i = 0; i < CapturedOutput.MaxLines + 5; i++)
        {
            captured.WriteLine($"line {i}");
        }

        captured.Write("unfinished");

        Assert.Equal(CapturedOutput.MaxLines + 2, captured.Lines.Count);
        Assert.Equal("unfinished", captured.Lines[^2]);
        Assert.Equal("... 5 more lines not shown", captured.Lines[^1]);
    }

    private static (ConsoleTerminal Terminal, MemoryStream Output) Terminal(string keys, int rows = ConsoleTerminal.DefaultRows)
    {
        var output = new MemoryStream();
        return (new ConsoleTerminal(new MemoryStream(Encoding.UTF8.GetBytes(keys)), output, TerminalStyle.Plain, rows), output);
    }

    private static string Text(MemoryStream output) => Encoding.UTF8.GetString(output.ToArray());
}
