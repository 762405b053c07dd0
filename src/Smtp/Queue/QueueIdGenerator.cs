using System.Security.Cryptography;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// Queue ids: 26 characters of Crockford base32 (digits and upper-case letters without I, L, O, U), the
/// first 10 encoding the millisecond of creation and the last 16 an 80-bit random number. They sort by
/// arrival (ordinal string order = time order), are unique across restarts and across processes sharing a
/// queue (the random part), and are safe as file names everywhere. Within one generator ids are strictly
/// increasing even inside one millisecond or when the clock steps back: the random part is then the previous
/// one plus one, as in ULID's monotonic mode.
/// </summary>
public sealed class QueueIdGenerator(TimeProvider timeProvider)
{
    public const int Length = 26;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int TimeCharacters = 10;
    private const int RandomCharacters = 16;
    private static readonly UInt128 RandomLimit = UInt128.One << 80;

    private readonly Lock gate = new();
    private long lastMillisecond = -1;
    private UInt128 lastRandom;

    public string Next()
    {
        long millisecond = Math.Max(0, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        UInt128 random;
        lock (gate)
        {
            if (millisecond <= lastMillisecond && lastRandom + 1 < RandomLimit)
            {
                millisecond = lastMillisecond;
                random = lastRandom + 1;
            }
            else
            {
                millisecond = Math.Max(millisecond, lastMillisecond + 1);
                random = NewRandom();
            }

            lastMillisecond = millisecond;
            lastRandom = random;
        }

        return string.Create(Length, (millisecond, random), static (chars, state) =>
        {
            ulong time = (ulong)state.millisecond;
            for (int i = TimeCharacters - 1; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(time & 31)];
                time >>= 5;
            }

            UInt128 random = state.random;
            for (int i = Length - 1; i >= TimeCharacters; i--)
            {
                chars[i] = Alphabet[(int)(random & 31)];
                random >>= 5;
            }
        });
    }

    /// <summary>True for a string that <see cref="Next"/> could have produced (guards paths built from ids).</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length != Length)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!Alphabet.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private static UInt128 NewRandom()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[..10]);
        bytes[10..].Clear();
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes);
    }
}
