using System.Buffers;

namespace Relaybox.Smtp.Tests.Protocol;

/// <summary>Builds the same bytes as differently split sequences, so parsers are tested against every buffer boundary.</summary>
internal static class ReadOnlySequenceFactory
{
    public static ReadOnlySequence<byte> SingleSegment(byte[] data) => new(data);

    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] data) => Segmented(data, 1);

    /// <summary>Segments of <paramref name="size"/> bytes each (the last may be shorter), with an empty segment between each.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] data, int size)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(data.AsMemory(0, Math.Min(size, data.Length)), 0);
        var last = first;
        for (int offset = size; offset < data.Length; offset += size)
        {
            last = last.Append(ReadOnlyMemory<byte>.Empty);
            last = last.Append(data.AsMemory(offset, Math.Min(size, data.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The layouts every parser test runs over.</summary>
    public static IEnumerable<ReadOnlySequence<byte>> AllLayouts(byte[] data)
    {
        yield return SingleSegment(data);
        yield return OneBytePerSegment(data);
        yield return Segmented(data, 3);
        yield return Segmented(data, 7);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
