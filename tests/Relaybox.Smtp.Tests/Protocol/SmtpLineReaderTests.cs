using System.Buffers;
using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Protocol;

public class SmtpLineReaderTests
{
    [Fact]
    public void LineAtExactlyTheLimitIsComplete()
    {
        var input = Encoding.ASCII.GetBytes("NOOP " + new string('x', 95) + "\r\n"); // 100 octets + CRLF
        foreach (var sequence in ReadOnlySequenceFactory.AllLayouts(input))
        {
            var reader = new SequenceReader<byte>(sequence);
            Assert.Equal(LineStatus.Complete, SmtpLineReader.TryReadLine(ref reader, 100, out var line));
            Assert.Equal(100, line.Length);
        }
    }

    [Fact]
    public void LineOneOctetOverTheLimitIsTooLongAndNothingIsConsumed()
    {
        var input = Encoding.ASCII.GetBytes("NOOP " + new string('x', 96) + "\r\n");
        foreach (var sequence in ReadOnlySequenceFactory.AllLayouts(input))
        {
            var reader = new SequenceReader<byte>(sequence);
            Assert.Equal(LineStatus.TooLong, SmtpLineReader.TryReadLine(ref reader, 100, out _));
            Assert.Equal(0, reader.Consumed);
        }
    }

    [Fact]
    public void TooLongIsDecidedWithoutSeeingTheLineEnd()
    {
        // 102 octets without any LF: the reader must not wait for more input to decide.
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(new byte[102]));
        Assert.Equal(LineStatus.TooLong, SmtpLineReader.TryReadLine(ref reader, 100, out _));
    }

    [Fact]
    public void SkipPastLineEndDiscardsUpToTheNextLineFeed()
    {
        var input = Encoding.ASCII.GetBytes("xxxxxxxx\r\nNOOP\r\n");
        foreach (var sequence in ReadOnlySequenceFactory.AllLayouts(input))
        {
            var reader = new SequenceReader<byte>(sequence);
            Assert.True(SmtpLineReader.SkipPastLineEnd(ref reader));
            Assert.Equal(LineStatus.Complete, SmtpLineReader.TryReadLine(ref reader, 100, out var line));
            Assert.Equal("NOOP", Encoding.ASCII.GetString(line.ToArray()));
        }
    }

    [Fact]
    public void SkipPastLineEndWithoutLineFeedConsumesEverything()
    {
        var reader = new SequenceReader<byte>(ReadOnlySequenceFactory.OneBytePerSegment(new byte[50]));
        Assert.False(SmtpLineReader.SkipPastLineEnd(ref reader));
        Assert.Equal(50, reader.Consumed);
    }

    [Theory]
    [InlineData("NOOP\n")]
    [InlineData("\n")]
    public void LineEndingInBareLineFeedIsReportedAndConsumed(string text)
    {
        var input = Encoding.ASCII.GetBytes(text + "QUIT\r\n");
        foreach (var sequence in ReadOnlySequenceFactory.AllLayouts(input))
        {
            var reader = new SequenceReader<byte>(sequence);
            Assert.Equal(LineStatus.BareLineFeed, SmtpLineReader.TryReadLine(ref reader, 100, out _));
            Assert.Equal(text.Length, reader.Consumed);
            Assert.Equal(LineStatus.Complete, SmtpLineReader.TryReadLine(ref reader, 100, out var next));
            Assert.Equal("QUIT", Encoding.ASCII.GetString(next.ToArray()));
        }
    }

    [Fact]
    public void PipelinedLinesAreReadOneAtATime()
    {
        var input = Encoding.ASCII.GetBytes("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n");
        foreach (var sequence in ReadOnlySequenceFactory.AllLayouts(input))
        {
            var reader = new SequenceReader<byte>(sequence);
            var lines = new List<string>();
            while (SmtpLineReader.TryReadLine(ref reader, 100, out var line) == LineStatus.Complete)
            {
                lines.Add(Encoding.ASCII.GetString(line.ToArray()));
            }

            Assert.Equal(["MAIL FROM:<a@b>", "RCPT TO:<c@d>", "DATA"], lines);
        }
    }
}
