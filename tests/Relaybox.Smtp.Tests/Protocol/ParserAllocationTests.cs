using System.Buffers;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Protocol;

/// <summary>The hot path: reading and parsing a command without arguments allocates nothing.</summary>
public class ParserAllocationTests
{
    [Fact]
    public void ReadingAndParsingSimpleCommandsAllocatesNothing()
    {
        var input = ReadOnlySequenceFactory.Segmented("NOOP\r\nRSET\r\nDATA\r\nQUIT\r\nBDAT 100 LAST\r\nVRFY x\r\n"u8.ToArray(), 5);
        Span<byte> line = stackalloc byte[64];
        RunOnce(input, line); // warm up: JIT and static initialisation
        long before = GC.GetAllocatedBytesForCurrentThread();
        int commands = RunOnce(input, line);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(6, commands);
        Assert.Equal(0, allocated);
    }

    private static int RunOnce(ReadOnlySequence<byte> input, Span<byte> line)
    {
        var reader = new SequenceReader<byte>(input);
        int commands = 0;
        while (SmtpLineReader.TryReadLine(ref reader, 2048, out var sequence) == LineStatus.Complete)
        {
            sequence.CopyTo(line);
            var command = SmtpCommandParser.Parse(line[..(int)sequence.Length]);
            commands += command.IsValid ? 1 : 0;
        }

        return commands;
    }
}
