using Relaybox.Integration.Tests.Harness.Pty;

namespace Relaybox.Integration.Tests.Console;

/// <summary>What TranscriptPlain and the WaitFor searches see of a screen full of escape sequences.</summary>
public sealed class AnsiEscapeStripperTests
{
    [Theory]
    [InlineData("\u001b[1;31mred\u001b[0m", "red")]                 // CSI with parameters (SGR)
    [InlineData("line\u001b[K\n", "line\n")]                        // CSI erase to end of line
    [InlineData("\u001b]0;relaybox\u0007title", "title")]           // OSC ended by BEL
    [InlineData("\u001b]0;relaybox\u001b\\title", "title")]        // OSC ended by ST (ESC \)
    [InlineData("\u001bOAup", "up")]                                // SS3, an arrow key's form
    [InlineData("\u001b(Bascii\u001b7saved", "asciisaved")]          // charset designation, save cursor
    [InlineData("ab\b \bc\a", "ab\b \bc\a")]                        // the line editor's own control bytes stay
    public void EscapeSequencesAreDroppedAndTextAndOtherControlsKept(string screen, string plain)
    {
        Assert.Equal(plain, AnsiEscapeStripper.Strip(screen));
    }

    [Fact]
    public void ASequenceSplitAcrossTwoReadsIsStillDroppedWhole()
    {
        var transcript = new TerminalTranscript();

        transcript.Append("before \u001b["u8);
        transcript.Append("1mafter"u8);

        Assert.Equal("before after", transcript.Plain);
        Assert.Equal("before \u001b[1mafter", transcript.Raw);
    }

    [Fact]
    public void AUtf8CharacterSplitAcrossTwoReadsIsDecodedWhole()
    {
        var transcript = new TerminalTranscript();
        byte[] word = "grüß"u8.ToArray();

        transcript.Append(word.AsSpan(0, 3)); // "gr" and the first byte of ü
        transcript.Append(word.AsSpan(3));

        Assert.Equal("grüß", transcript.Plain);
    }
}
