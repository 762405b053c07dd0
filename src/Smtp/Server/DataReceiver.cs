using System.Buffers;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Server;

/// <summary>
/// Moves message content from the connection to the spool without holding it in memory: DATA through the
/// <see cref="DataDecoder"/> (dot-unstuffed, strict CRLF.CRLF), BDAT chunks byte for byte (RFC 3030).
/// Past the size limit, or after a bare newline, content is still read (so the session stays in step) but not stored.
/// </summary>
internal static class DataReceiver
{
    private const int OutputBufferSize = 16 * 1024;

    /// <summary>Receives DATA content. <paramref name="alreadyWritten"/> is what the size limit excludes (the Received header).</summary>
    public static async ValueTask<(DataOutcome Outcome, long Size)> ReceiveDataAsync(SmtpConnection connection, IncomingMessage message, long maxSize, TimeSpan timeout)
    {
        var decoder = new DataDecoder();
        var output = ArrayPool<byte>.Shared.Rent(OutputBufferSize);
        var sink = new ContentSink(message, maxSize);
        try
        {
            while (true)
            {
                var (result, cancel) = await connection.ReadAsync(timeout, isCommandWait: false);
                if (cancel != ReadCancelReason.None)
                {
                    return (DataOutcome.TimedOut, sink.Size);
                }

                var buffer = result.Buffer;
                long consumed = 0;
                int filled = 0;
                foreach (var segment in buffer)
                {
                    int offset = 0;
                    while (offset < segment.Length && !decoder.IsComplete)
                    {
                        decoder.Decode(segment.Span[offset..], output.AsSpan(filled), out int used, out int written);
                        offset += used;
                        filled += written;
                        if (filled + 2 > output.Length)
                        {
                            await sink.StoreAsync(output.AsMemory(0, filled), decoder.SawBareNewline);
                            filled = 0;
                        }
                    }

                    consumed += offset;
                    if (decoder.IsComplete)
                    {
                        break;
                    }
                }

                await sink.StoreAsync(output.AsMemory(0, filled), decoder.SawBareNewline);
                connection.Input.AdvanceTo(buffer.GetPosition(consumed), decoder.IsComplete ? buffer.GetPosition(consumed) : buffer.End);
                if (decoder.IsComplete)
                {
                    var outcome = decoder.SawBareNewline ? DataOutcome.BareNewline
                        : sink.TooBig ? DataOutcome.TooBig
                        : sink.Failed ? DataOutcome.StoreFailed
                        : DataOutcome.Complete;
                    return (outcome, sink.Size);
                }

                if (result.IsCompleted)
                {
                    throw new IOException("The client closed the connection during DATA.");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>
    /// Reads exactly <paramref name="chunkSize"/> octets of a BDAT chunk, storing them in <paramref name="message"/>
    /// unless it is null (a refused chunk is still consumed, RFC 3030 section 2).
    /// </summary>
    public static async ValueTask<DataOutcome> ReceiveChunkAsync(SmtpConnection connection, IncomingMessage? message, long chunkSize, TimeSpan timeout)
    {
        long remaining = chunkSize;
        var sink = new ContentSink(message, long.MaxValue);
        while (remaining > 0)
        {
            var (result, cancel) = await connection.ReadAsync(timeout, isCommandWait: false);
            if (cancel != ReadCancelReason.None)
            {
                return DataOutcome.TimedOut;
            }

            var buffer = result.Buffer;
            var take = buffer.Slice(0, Math.Min(remaining, buffer.Length));
            foreach (var segment in take)
            {
                await sink.StoreAsync(segment, refused: false);
            }

            remaining -= take.Length;
            connection.Input.AdvanceTo(take.End);
            if (remaining > 0 && result.IsCompleted)
            {
                throw new IOException("The client closed the connection during BDAT.");
            }
        }

        return sink.Failed ? DataOutcome.StoreFailed : DataOutcome.Complete;
    }

    /// <summary>
    /// Where received content goes: the message while it is within the limit and the spool works; nowhere after
    /// that, so the session can keep reading to the end of the data and stay in step with the client.
    /// </summary>
    private sealed class ContentSink(IncomingMessage? message, long maxSize)
    {
        public long Size { get; private set; }

        public bool TooBig { get; private set; }

        public bool Failed { get; private set; }

        public async ValueTask StoreAsync(ReadOnlyMemory<byte> content, bool refused)
        {
            if (content.IsEmpty)
            {
                return;
            }

            Size += content.Length;
            TooBig |= Size > maxSize;
            if (message is null || TooBig || refused || Failed)
            {
                return;
            }

            try
            {
                await message.WriteAsync(content, CancellationToken.None);
            }
            catch (IOException)
            {
                Failed = true; // reported as 451 once the data has ended
            }
        }
    }
}
