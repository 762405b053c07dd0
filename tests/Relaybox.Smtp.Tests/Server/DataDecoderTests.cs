using System.Text;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

public class DataDecoderTests
{
    /// <summary>Decodes <paramref name="input"/> fed in pieces of <paramref name="pieceSize"/> bytes; returns output, bytes used, and the decoder.</summary>
    private static (string Output, int Consumed, DataDecoder Decoder) Decode(string input, int pieceSize, int outputSize = 64)
    {
        var bytes = Encoding.ASCII.GetBytes(input);
        var decoder = new DataDecoder();
        var output = new List<byte>();
        var buffer = new byte[outputSize];
        int position = 0;
        while (position < bytes.Length && !decoder.IsComplete)
        {
            var piece = bytes.AsSpan(position, Math.Min(pieceSize, bytes.Length - position));
            int offset = 0;
            while (offset < piece.Length && !decoder.IsComplete)
            {
                decoder.Decode(piece[offset..], buffer, out int used, out int written);
                offset += used;
                output.AddRange(buffer.AsSpan(0, written).ToArray());
            }

            position += offset;
        }

        return (Encoding.ASCII.GetString(output.ToArray()), position, decoder);
    }

    public static IEnumerable<object[]> PieceSizes() => [[1], [2], [3], [5], [1000]];

    [Theory]
    [MemberData(nameof(PieceSizes))]
    public void PlainMessageEndsAtCrlfDotCrlfAndKeepsItsLineEnds(int pieceSize)
    {
        var (output, consumed, decoder) = Decode("Subject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n", pieceSize);
        Assert.True(decoder.IsComplete);
        Assert.False(decoder.SawBareNewline);
        Assert.Equal("Subject: hi\r\n\r\nbody\r\n", output);
        Assert.Equal("Subject: hi\r\n\r\nbody\r\n.\r\n".Length, consumed);
    }

    [Theory]
    [MemberData(nameof(PieceSizes))]
    public void LeadingDotsAreUnstuffed(int pieceSize)
    {
        var (output, _, decoder) = Decode("..hidden\r\n...\r\n.x\r\n.\r\n", pieceSize);
        Assert.True(decoder.IsComplete);
        Assert.Equal(".hidden\r\n..\r\nx\r\n", output);
    }

    [Fact]
    public void EmptyMessageIsJustTheTerminator()
    {
        var (output, consumed, decoder) = Decode(".\r\n", 1);
        Assert.True(decoder.IsComplete);
        Assert.Equal(string.Empty, output);
        Assert.Equal(3, consumed);
    }

    [Theory]
    [InlineData("a\n.\nb\r\n.\r\n")]
    [InlineData("a\r.\nb\r\n.\r\n")]
    [InlineData("a\n.\r\nb\r\n.\r\n")]
    [InlineData("a\r.\r\nb\r\n.\r\n")]
    [InlineData("a\rb\r\n.\r\n")]
    [InlineData("a\nb\r\n.\r\n")]
    [InlineData("\n.\r\n.\r\n")]
    [InlineData(".\rx\r\n.\r\n")]
    public void BareNewlinesAreRefusedAndOnlyTheStrictTerminatorEndsTheData(string input)
    {
        foreach (int pieceSize in new[] { 1, 2, 1000 })
        {
            var (output, consumed, decoder) = Decode(input + "MAIL FROM:<x@y>\r\n", pieceSize);
            Assert.True(decoder.IsComplete);
            Assert.True(decoder.SawBareNewline);
            Assert.Equal(input.Length, consumed);
            Assert.DoesNotContain("\n.", output.Replace("\r\n", "|"));
        }
    }

    [Fact]
    public void NothingIsEmittedAfterABareNewline()
    {
        var (output, _, decoder) = Decode("ok\r\nbad\nmore\r\n.\r\n", 1);
        Assert.True(decoder.SawBareNewline);
        Assert.Equal("ok\r\nbad", output);
    }

    [Fact]
    public void IncompleteInputIsNotComplete()
    {
        var (_, consumed, decoder) = Decode("body\r\n.\r", 1);
        Assert.False(decoder.IsComplete);
        Assert.Equal(8, consumed);
    }

    [Fact]
    public void SmallOutputBufferStillDecodesEverything()
    {
        string body = string.Concat(Enumerable.Repeat("line of text\r\n", 50));
        var (output, _, decoder) = Decode(body + ".\r\n", 1000, outputSize: 2);
        Assert.True(decoder.IsComplete);
        Assert.Equal(body, output);
    }
}
