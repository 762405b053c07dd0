using System.Text;
using Relaybox.Appliance.Console;

namespace Relaybox.Appliance.Tests.Console;

public sealed class TerminalLineReaderTests
{
    sealed class Terminal
    {
        public readonly MemoryStream Echo = new();
        public readonly TerminalLineReader Reader;

        public Terminal(string typed, int maxLineBytes = TerminalLineReader.DefaultMaxLineBytes, bool byteByByte = true)
            : this(Encoding.UTF8.GetBytes(typed), maxLineBytes, byteByByte) { }

        public Terminal(byte[] typed, int maxLineBytes = TerminalLineReader.DefaultMaxLineBytes, bool byteByByte = true)
        {
            Stream input = byteByByte ? new OneByteAtATimeStream(typed) : new MemoryStream(typed);
            Reader = new TerminalLineReader(input, Echo, maxLineBytes);
        }

        public string EchoText => Encoding.UTF8.GetString(Echo.ToArray());
    }

    static void AssertLine(string expected, TerminalLineResult result)
    {
        Assert.Equal(TerminalLineOutcome.Line, result.Outcome);
        Assert.Equal(expected, result.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TypedLineIsReturnedAndEchoedWithCrlf(bool byteByByte)
    {
        var terminal = new Terminal("hostname relay1\r", byteByByte: byteByByte);
        AssertLine("hostname relay1", terminal.Reader.ReadLine());
        Assert.Equal("hostname relay1\r\n", terminal.EchoText);
    }

    [Theory]
    [InlineData("one\rtwo\r", "one", "two")]
    [InlineData("one\ntwo\n", "one", "two")]
    [InlineData("one\r\ntwo\r\n", "one", "two")]
    public void CrLfOrCrlfEachEndOneLine(string typed, string first, string second)
    {
        var terminal = new Terminal(typed);
        AssertLine(first, terminal.Reader.ReadLine());
        AssertLine(second, terminal.Reader.ReadLine());
        Assert.Equal(TerminalLineOutcome.Disconnected, terminal.Reader.ReadLine().Outcome);
        Assert.Equal($"{first}\r\n{second}\r\n", terminal.EchoText);
    }

    [Fact]
    public void CrlfCountsAsOneLineEndNotAnExtraEmptyLine()
    {
        var terminal = new Terminal("a\r\n\r\nb\r");
        AssertLine("a", terminal.Reader.ReadLine());
        AssertLine("", terminal.Reader.ReadLine());
        AssertLine("b", terminal.Reader.ReadLine());
    }

    [Fact]
    public void LfCrIsTwoLineEnds()
    {
        var terminal = new Terminal("a\n\rb\r");
        AssertLine("a", terminal.Reader.ReadLine());
        AssertLine("", terminal.Reader.ReadLine());
        AssertLine("b", terminal.Reader.ReadLine());
    }

    [Theory]
    [InlineData("\b")]
    [InlineData("\u007f")]
    public void BackspaceAndDeleteEraseOneCharacter(string eraseKey)
    {
        var terminal = new Terminal($"abx{eraseKey}c\r");
        AssertLine("abc", terminal.Reader.ReadLine());
        Assert.Equal("abx\b \bc\r\n", terminal.EchoText);
    }

    [Fact]
    public void BackspaceOnEmptyLineEchoesNothing()
    {
        var terminal = new Terminal("\b\u007f" + "a\r");
        AssertLine("a", terminal.Reader.ReadLine());
        Assert.Equal("a\r\n", terminal.EchoText);
    }

    [Theory]
    [InlineData("é")]      // 2 bytes
    [InlineData("€")]      // 3 bytes
    [InlineData("😀")]     // 4 bytes
    public void BackspaceErasesAWholeUtf8Character(string character)
    {
        var terminal = new Terminal($"x{character}\by\r");
        AssertLine("xy", terminal.Reader.ReadLine());
        Assert.Equal($"x{character}\b \by\r\n", terminal.EchoText);
    }

    [Fact]
    public void CtrlUErasesTheWholeLine()
    {
        var terminal = new Terminal("wrong\u0015right\r");
        AssertLine("right", terminal.Reader.ReadLine());
        Assert.Equal("wrong" + string.Concat(Enumerable.Repeat("\b \b", 5)) + "right\r\n", terminal.EchoText);
    }

    [Fact]
    public void CtrlUErasesMultibyteCharactersOneCellEach()
    {
        var terminal = new Terminal("aé€\u0015z\r");
        AssertLine("z", terminal.Reader.ReadLine());
        Assert.Equal("aé€" + string.Concat(Enumerable.Repeat("\b \b", 3)) + "z\r\n", terminal.EchoText);
    }

    [Theory]
    [InlineData("set relay host\u0017port\r", "set relay port")]
    [InlineData("set relay host  \u0017port\r", "set relay port")]
    [InlineData("host\u0017\u0017x\r", "x")]
    [InlineData("a b\u0017\u0017\u0017c\r", "c")]
    [InlineData("grüße\u0017ok\r", "ok")]
    public void CtrlWErasesThePreviousWord(string typed, string expected)
    {
        var terminal = new Terminal(typed);
        AssertLine(expected, terminal.Reader.ReadLine());
    }

    [Fact]
    public void CtrlWEchoesOneEraseForEachCharacterRemoved()
    {
        var terminal = new Terminal("ab cd\u0017\r");
        AssertLine("ab ", terminal.Reader.ReadLine());
        Assert.Equal("ab cd\b \b\b \b\r\n", terminal.EchoText);
    }

    [Fact]
    public void CtrlCCancelsTheLineAndTheNextReadStartsFresh()
    {
        var terminal = new Terminal("half typed\u0003next\r");
        var cancelled = terminal.Reader.ReadLine();
        Assert.Equal(TerminalLineOutcome.Cancelled, cancelled.Outcome);
        Assert.Equal("", cancelled.Text);
        AssertLine("next", terminal.Reader.ReadLine());
        Assert.Equal("half typed^C\r\nnext\r\n", terminal.EchoText);
    }

    [Fact]
    public void CtrlDOnAnEmptyLineIsEndOfInput()
    {
        var terminal = new Terminal("\u0004");
        Assert.Equal(TerminalLineOutcome.EndOfInput, terminal.Reader.ReadLine().Outcome);
        Assert.Equal("\r\n", terminal.EchoText);
    }

    [Fact]
    public void CtrlDWithTextOnTheLineIsIgnored()
    {
        var terminal = new Terminal("ab\u0004" + "c\r");
        AssertLine("abc", terminal.Reader.ReadLine());
        Assert.Equal("abc\r\n", terminal.EchoText);
    }

    [Fact]
    public void CtrlDAfterErasingTheLineIsEndOfInput()
    {
        var terminal = new Terminal("ab\u0015\u0004");
        Assert.Equal(TerminalLineOutcome.EndOfInput, terminal.Reader.ReadLine().Outcome);
    }

    [Fact]
    public void EndOfStreamMidLineIsDisconnectedWithoutThePartialText()
    {
        var terminal = new Terminal("admin-passw");
        var result = terminal.Reader.ReadLine();
        Assert.Equal(TerminalLineOutcome.Disconnected, result.Outcome);
        Assert.Equal("", result.Text);
        Assert.False(result.IsLine);
    }

    [Fact]
    public void EndOfStreamOnEmptyInputIsDisconnected()
    {
        var terminal = new Terminal("");
        Assert.Equal(TerminalLineOutcome.Disconnected, terminal.Reader.ReadLine().Outcome);
    }

    [Theory]
    [InlineData("\u001b[A")]          // up arrow (CSI)
    [InlineData("\u001b[D")]          // left arrow
    [InlineData("\u001b[3~")]         // Delete key
    [InlineData("\u001b[1;5C")]       // Ctrl-Right with parameters
    [InlineData("\u001bOA")]          // up arrow in application mode (SS3)
    [InlineData("\u001bOP")]          // F1
    [InlineData("\u001bx")]           // Alt-x
    [InlineData("\u001b\u001b[B")]      // doubled escape
    public void EscapeSequencesAreDroppedWithoutEcho(string sequence)
    {
        var terminal = new Terminal($"ab{sequence}c\r");
        AssertLine("abc", terminal.Reader.ReadLine());
        Assert.Equal("abc\r\n", terminal.EchoText);
    }

    [Fact]
    public void EnterRightAfterEscapeStillEndsTheLine()
    {
        var terminal = new Terminal("ab\u001b\r");
        AssertLine("ab", terminal.Reader.ReadLine());
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\u0002")]
    [InlineData("\u0009")]
    [InlineData("\u000c")]
    [InlineData("\u001a")]
    [InlineData("\u0000")]
    public void OtherControlBytesAreIgnoredWithoutEcho(string control)
    {
        var terminal = new Terminal($"a{control}b\r");
        AssertLine("ab", terminal.Reader.ReadLine());
        Assert.Equal("ab\r\n", terminal.EchoText);
    }

    [Fact]
    public void ByteBeyondTheLimitRingsTheBellAndIsDropped()
    {
        var terminal = new Terminal("abcdef\r", maxLineBytes: 4);
        AssertLine("abcd", terminal.Reader.ReadLine());
        Assert.Equal("abcd\a\a\r\n", terminal.EchoText);
    }

    [Fact]
    public void ErasingMakesRoomAgainUnderTheLimit()
    {
        var terminal = new Terminal("abcde\bz\r", maxLineBytes: 4);
        AssertLine("abcz", terminal.Reader.ReadLine());
    }

    [Fact]
    public void MultibyteCharacterThatDoesNotFitWholeIsDroppedWhole()
    {
        var terminal = new Terminal("abc€d\r", maxLineBytes: 4);
        var result = terminal.Reader.ReadLine();
        AssertLine("abcd", result);
        Assert.Equal(4, Encoding.UTF8.GetByteCount(result.Text));
        Assert.Equal("abc\ad\r\n", terminal.EchoText);
    }

    [Fact]
    public void DefaultLimitIs1024BytesPerLine()
    {
        var terminal = new Terminal(new string('x', 1030) + "\r", byteByByte: false);
        Assert.Equal(1024, terminal.Reader.MaxLineBytes);
        AssertLine(new string('x', 1024), terminal.Reader.ReadLine());
        Assert.Equal(6, terminal.Echo.ToArray().Count(b => b == 0x07));
    }

    [Fact]
    public void SecretLineEchoesNoTypedCharacterAndOnlyTheLineEnd()
    {
        var terminal = new Terminal("s3cr€t\bt\u0015hunter2\u0017pa ss\r", maxLineBytes: 8);
        AssertLine("pa ss", terminal.Reader.ReadSecretLine());
        Assert.Equal("\r\n", terminal.EchoText);
    }

    [Fact]
    public void SecretLineDoesNotRingTheBellAtTheLimit()
    {
        var terminal = new Terminal("123456789\r", maxLineBytes: 4);
        AssertLine("1234", terminal.Reader.ReadSecretLine());
        Assert.Equal("\r\n", terminal.EchoText);
    }

    [Fact]
    public void SecretLineCancelledEchoesOnlyTheCancelMark()
    {
        var terminal = new Terminal("hunter\u0003");
        Assert.Equal(TerminalLineOutcome.Cancelled, terminal.Reader.ReadSecretLine().Outcome);
        Assert.Equal("^C\r\n", terminal.EchoText);
    }

    [Fact]
    public void SecretLineCutOffByHangupIsNotEntered()
    {
        var terminal = new Terminal("hunter2");
        var result = terminal.Reader.ReadSecretLine();
        Assert.Equal(TerminalLineOutcome.Disconnected, result.Outcome);
        Assert.Equal("", result.Text);
        Assert.Equal("", terminal.EchoText);
    }

    [Fact]
    public void ResultToStringDoesNotRevealTheText()
    {
        var result = new Terminal("hunter2\r").Reader.ReadSecretLine();
        Assert.DoesNotContain("hunter2", result.ToString());
    }

    [Fact]
    public void NormalLineAfterSecretLineEchoesAgain()
    {
        var terminal = new Terminal("pw\rname\r");
        AssertLine("pw", terminal.Reader.ReadSecretLine());
        AssertLine("name", terminal.Reader.ReadLine());
        Assert.Equal("\r\nname\r\n", terminal.EchoText);
    }

    [Fact]
    public void InvalidUtf8IsStoredErasableAndDecodedAsReplacement()
    {
        var terminal = new Terminal([(byte)'a', 0xFF, (byte)'\r', (byte)'b', 0xC0, 0x08, (byte)'\r']);
        AssertLine("a\uFFFD", terminal.Reader.ReadLine());
        AssertLine("b", terminal.Reader.ReadLine());
    }
}
