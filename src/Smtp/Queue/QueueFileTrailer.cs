using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// The fixed-size last line of a queue file, which says where the envelope starts and proves the file whole.
/// <code>
/// \n#relaybox-queue-v1 CCCCCCCCCCCCCCCCCCCC EEEEEEEEEE HHHHHHHHHHHHHHHH\n
/// </code>
/// C: content length, 20 decimal digits; E: envelope length, 10 decimal digits; H: the first 8 bytes of
/// SHA-256, in lower-case hex, over the envelope bytes followed by the trailer up to and including the space
/// before H. The checksum therefore covers both lengths too: a torn tail, a flipped digit or a flipped
/// envelope byte all fail it. The content is not checksummed: it is fsynced before the file gets its name
/// in a queue folder, and hashing megabytes on every listing would cost more than it protects.
/// The trailer is always read from the end of the file, never searched for, so content that happens to
/// contain the same text reads back unchanged.
/// </summary>
internal static class QueueFileTrailer
{
    /// <summary>1 + 18 + 1 + 20 + 1 + 10 + 1 + 16 + 1 bytes.</summary>
    public const int Length = 69;

    private static ReadOnlySpan<byte> Magic => "\n#relaybox-queue-v1 "u8;

    private const int ContentDigits = 20;
    private const int EnvelopeDigits = 10;
    private const int ChecksumBytes = 8;
    private const int ContentOffset = 20; // Magic.Length
    private const int EnvelopeOffset = ContentOffset + ContentDigits + 1;
    private const int ChecksumOffset = EnvelopeOffset + EnvelopeDigits + 1;

    /// <summary>The trailer for a file of <paramref name="contentLength"/> content bytes followed by <paramref name="envelope"/>.</summary>
    public static byte[] Create(long contentLength, ReadOnlySpan<byte> envelope)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contentLength);
        byte[] trailer = new byte[Length];
        Magic.CopyTo(trailer);
        WriteDigits(trailer.AsSpan(ContentOffset, ContentDigits), contentLength);
        trailer[ContentOffset + ContentDigits] = (byte)' ';
        WriteDigits(trailer.AsSpan(EnvelopeOffset, EnvelopeDigits), envelope.Length);
        trailer[EnvelopeOffset + EnvelopeDigits] = (byte)' ';
        WriteChecksum(trailer.AsSpan(ChecksumOffset, 2 * ChecksumBytes), envelope, trailer.AsSpan(0, ChecksumOffset));
        trailer[^1] = (byte)'\n';
        return trailer;
    }

    /// <summary>
    /// Reads the lengths from a trailer; null with the problem when it is not one of ours (torn, overwritten,
    /// another format). The checksum is checked separately, once the envelope has been read.
    /// </summary>
    public static (long ContentLength, int EnvelopeLength, string? Problem) Parse(ReadOnlySpan<byte> trailer)
    {
        if (trailer.Length != Length || !trailer[..ContentOffset].SequenceEqual(Magic) || trailer[^1] != (byte)'\n')
        {
            return (0, 0, "queue file trailer is missing or damaged");
        }

        if (!TryReadDigits(trailer.Slice(ContentOffset, ContentDigits), out long content)
            || trailer[ContentOffset + ContentDigits] != (byte)' '
            || !TryReadDigits(trailer.Slice(EnvelopeOffset, EnvelopeDigits), out long envelope)
            || trailer[EnvelopeOffset + EnvelopeDigits] != (byte)' ')
        {
            return (0, 0, "queue file trailer has malformed lengths");
        }

        if (envelope > EnvelopeSerializer.MaxFileLength)
        {
            return (0, 0, $"envelope is larger than {EnvelopeSerializer.MaxFileLength} bytes");
        }

        return (content, (int)envelope, null);
    }

    /// <summary>True when the trailer's checksum matches the envelope read from the file.</summary>
    public static bool ChecksumMatches(ReadOnlySpan<byte> trailer, ReadOnlySpan<byte> envelope)
    {
        Span<byte> expected = stackalloc byte[2 * ChecksumBytes];
        WriteChecksum(expected, envelope, trailer[..ChecksumOffset]);
        return expected.SequenceEqual(trailer.Slice(ChecksumOffset, 2 * ChecksumBytes));
    }

    private static void WriteChecksum(Span<byte> destination, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> trailerHead)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(envelope);
        hash.AppendData(trailerHead);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        const string hex = "0123456789abcdef";
        for (int i = 0; i < ChecksumBytes; i++)
        {
            destination[2 * i] = (byte)hex[digest[i] >> 4];
            destination[(2 * i) + 1] = (byte)hex[digest[i] & 0xF];
        }
    }

    private static void WriteDigits(Span<byte> destination, long value)
    {
        if (!Utf8Formatter.TryFormat(value, destination, out int written, new StandardFormat('D', (byte)destination.Length)) || written != destination.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"does not fit in {destination.Length} digits");
        }
    }

    private static bool TryReadDigits(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        foreach (byte digit in digits)
        {
            // 20 digits can exceed long.MaxValue; such a length is damage, not a file.
            if (digit is < (byte)'0' or > (byte)'9' || value > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}
