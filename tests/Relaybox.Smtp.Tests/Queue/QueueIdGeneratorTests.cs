using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Tests.Relay;

namespace Relaybox.Smtp.Tests.Queue;

public sealed class QueueIdGeneratorTests
{
    [Fact]
    public void IdsAreUniqueOverManyCreations()
    {
        var clock = new ManualClock();
        var generator = new QueueIdGenerator(clock);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < 100_000; i++)
        {
            Assert.True(seen.Add(generator.Next()));
            if (i % 1000 == 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
    }

    [Fact]
    public void IdsFromSeparateGeneratorsInOneMillisecondDiffer()
    {
        var clock = new ManualClock();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < 1000; i++)
        {
            Assert.True(seen.Add(new QueueIdGenerator(clock).Next()));
        }
    }

    [Fact]
    public void ParallelCallersGetDistinctIds()
    {
        var generator = new QueueIdGenerator(TimeProvider.System);
        var all = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 5000; i++)
            {
                all.Add(generator.Next());
            }
        });

        Assert.Equal(40_000, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void IdsIncreaseWithinOneMillisecond()
    {
        var generator = new QueueIdGenerator(new ManualClock());
        string previous = generator.Next();

        for (int i = 0; i < 1000; i++)
        {
            string next = generator.Next();
            Assert.True(string.CompareOrdinal(previous, next) < 0, $"{previous} then {next}");
            previous = next;
        }
    }

    [Fact]
    public void IdsIncreaseWhenTheClockStepsBack()
    {
        var clock = new ManualClock();
        var generator = new QueueIdGenerator(clock);
        string before = generator.Next();

        clock.Advance(TimeSpan.FromHours(-1));
        string after = generator.Next();

        Assert.True(string.CompareOrdinal(before, after) < 0);
    }

    [Fact]
    public void LaterIdsSortAfterEarlierOnesAcrossGenerators()
    {
        var clock = new ManualClock();
        string earlier = new QueueIdGenerator(clock).Next();
        clock.Advance(TimeSpan.FromMilliseconds(1));

        string later = new QueueIdGenerator(clock).Next();

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
    }

    [Fact]
    public void TimePrefixEncodesTheMillisecond()
    {
        var early = new QueueIdGenerator(new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(0))).Next();
        var one = new QueueIdGenerator(new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(33))).Next();

        Assert.Equal("0000000000", early[..10]);
        Assert.Equal("0000000011", one[..10]);
    }

    [Fact]
    public void IdsAreFileNameSafe()
    {
        string id = new QueueIdGenerator(TimeProvider.System).Next();

        Assert.Equal(QueueIdGenerator.Length, id.Length);
        Assert.True(QueueIdGenerator.IsValid(id));
        Assert.All(id, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../../../etc/passwd.....")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAVX")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAI")]
    [InlineData("01arz3ndektsv4rrffq69g5fav")]
    public void IsValidRefusesAnythingElse(string text)
    {
        Assert.False(QueueIdGenerator.IsValid(text));
    }
}
