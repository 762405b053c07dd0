using System.Buffers;
using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Protocol;

/// <summary>
/// Runs a command line through the line reader and the parser over every buffer layout and checks that
/// every incomplete prefix is reported as incomplete. Returns the one result all layouts agree on.
/// </summary>
internal static class ParseHarness
{
    public const int Limit = 2048;

    public static SmtpCommand Parse(string lineWithoutCrlf) => ParseBytes(Encoding.UTF8.GetBytes(lineWithoutCrlf + "\r\n"));

    public static SmtpCommand ParseBytes(byte[] input)
    {
        SmtpCommand? agreed = null;
        foreach (var sequence in ReadOnlySequenceFactory.AllLayouts(input))
        {
            var reader = new SequenceReader<byte>(sequence);
            var status = SmtpLineReader.TryReadLine(ref reader, Limit, out var line);
            Assert.Equal(LineStatus.Complete, status);
            Assert.Equal(input.Length, reader.Consumed);
            var command = SmtpCommandParser.Parse(line.ToArray());
            if (agreed is { } previous)
            {
                AssertSame(previous, command);
            }

            agreed = command;
        }

        AssertEveryPrefixIncomplete(input);
        return agreed!.Value;
    }

    public static void AssertEveryPrefixIncomplete(byte[] input)
    {
        for (int length = 0; length < input.Length; length++)
        {
            var prefix = input[..length];
            foreach (var sequence in new[] { ReadOnlySequenceFactory.SingleSegment(prefix), ReadOnlySequenceFactory.OneBytePerSegment(prefix) })
            {
                var reader = new SequenceReader<byte>(sequence);
                var status = SmtpLineReader.TryReadLine(ref reader, Limit, out _);
                Assert.True(status == LineStatus.Incomplete, $"prefix of {length} bytes gave {status}");
                Assert.Equal(0, reader.Consumed);
            }
        }
    }

    private static void AssertSame(SmtpCommand expected, SmtpCommand actual)
    {
        Assert.Equal(expected.Verb, actual.Verb);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Domain, actual.Domain);
        Assert.Equal(expected.Mail, actual.Mail);
        Assert.Equal(expected.Rcpt, actual.Rcpt);
        Assert.Equal(expected.ChunkSize, actual.ChunkSize);
        Assert.Equal(expected.LastChunk, actual.LastChunk);
        Assert.Equal(expected.Mechanism, actual.Mechanism);
        Assert.Equal(expected.InitialResponse, actual.InitialResponse);
    }
}
