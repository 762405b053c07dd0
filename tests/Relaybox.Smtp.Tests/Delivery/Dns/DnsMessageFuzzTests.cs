using System.Diagnostics;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>Mutated copies of valid responses: the decoder must answer every one with a value, quickly.</summary>
public sealed class DnsMessageFuzzTests
{
    [Fact]
    public void MutatedResponsesNeverThrowOrHang()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var original = DnsMessageTests.SampleResponse();
        var outcomes = new Dictionary<DnsDecodeError, int>();
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < 50_000; i++)
        {
            var mutated = Mutate(original, random);
            DnsDecodeError error;
            try
            {
                error = DnsMessage.TryDecode(mutated, out var message);
                Assert.Equal(error == DnsDecodeError.None, message is not null);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed {seed}, input {Convert.ToHexString(mutated)}: {e}");
                return;
            }

            outcomes[error] = outcomes.GetValueOrDefault(error) + 1;
        }

        // Bounded work: 50 000 decodes of a 100-octet message take milliseconds, not the time of a loop.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"decoding took {clock.Elapsed}");
        // The mutations reach both sides: some inputs still decode, many are refused for different reasons.
        Assert.True(outcomes.GetValueOrDefault(DnsDecodeError.None) > 0, $"seed {seed}: nothing decoded");
        Assert.True(outcomes.Count >= 3, $"seed {seed}: only {string.Join(", ", outcomes.Keys)}");
    }

    [Fact]
    public void EveryPointerValueAtEveryNamePositionIsDecodedOrRefused()
    {
        var original = DnsMessageTests.SampleResponse();
        for (int position = DnsHeader.Size; position < original.Length - 1; position++)
        {
            for (int target = 0; target < 0x4000; target += 7)
            {
                var mutated = (byte[])original.Clone();
                mutated[position] = (byte)(0xC0 | (target >> 8));
                mutated[position + 1] = (byte)target;
                var error = DnsMessage.TryDecode(mutated, out var message);
                Assert.Equal(error == DnsDecodeError.None, message is not null);
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(bytes.Length);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes[at] = (byte)(0xC0 | random.Next(4)); // a pointer's first octet
                    break;
                case 3:
                    bytes = bytes[..Math.Max(at, 1)];
                    break;
                default:
                    bytes[at] = (byte)random.Next(64); // a plausible label length
                    break;
            }
        }

        return bytes;
    }
}
