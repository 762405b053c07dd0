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
        long size = 0;
        bool tooBig = false;
        try
        {
            while (true)
            {
                var (result, cancel) = await connection.ReadAsync(timeout, isCommandWait: false);
                if (cancel != ReadCancelReason.None)
                {
                    return (DataOutcome.TimedOut, size);
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
                            (size, tooBig) = await StoreAsync(message, output.AsMemory(0, filled), size, maxSize, tooBig, decoder.SawBareNewline);
                            filled = 0;
                        }
                    }

                    consumed += offset;
                    if (decoder.IsComplete)
                    {
                        break;
                    }
                }

                (size, tooBig) = await StoreAsync(message, output.AsMemory(0, filled), size, maxSize, tooBig, decoder.SawBareNewline);
                connection.Input.AdvanceTo(buffer.GetPosition(consumed), decoder.IsComplete ? buffer.GetPosition(consumed) : buffer.End);
                if (decoder.IsComplete)
                {
                    return (decoder.SawBareNewline ? DataOutcome.BareNewline : tooBig ? DataOutcome.TooBig : DataOutcome.Complete, size);
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
        while (remaining > 0)
        {
            var (result, cancel) = await connection.ReadAsync(timeout, isCommandWait: false);
            if (cancel != ReadCancelReason.None)
            {
                return DataOutcome.TimedOut;
            }

            var buffer = result.Buffer;
            var take = buffer.Slice(0, Math.Min(remaining, buffer.Length));
            if (message is not null)
            {
                foreach (var segment in take)
                {
                    await message.WriteAsync(segment, CancellationToken.None);
                }
            }

            remaining -= take.Length;
            connection.Input.AdvanceTo(take.End);
            if (remaining > 0 && result.IsCompleted)
            {
                throw new IOException("The client closed the connection during BDAT.");
            }
        }

        return DataOutcome.Complete;
    }

    private static async ValueTask<(long Size, bool TooBig)> StoreAsync(IncomingMessage message, ReadOnlyMemory<byte> content, long size, long maxSize, bool tooBig, bool refused)
    {
        if (content.IsEmpty)
        {
            return (size, tooBig);
        }

        size += content.Length;
        tooBig |= size > maxSize;
        if (!tooBig && !refused)
        {
            await message.WriteAsync(content, CancellationToken.None);
        }

        return (size, tooBig);
    }
}
