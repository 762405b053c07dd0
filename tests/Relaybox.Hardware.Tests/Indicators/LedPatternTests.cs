using Relaybox.Hardware.Indicators;

namespace Relaybox.Hardware.Tests.Indicators;

public sealed class LedPatternTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>Walks a pattern from its start through its edges: (time of change, new level), for <paramref name="until"/>.</summary>
    private static List<(double AtMs, bool Lit)> Edges(LedPattern pattern, TimeSpan until)
    {
        var edges = new List<(double, bool)>();
        var t = TimeSpan.Zero;
        bool? last = null;
        while (t <= until)
        {
            var level = pattern.LevelAt(t);
            if (level.Lit != last)
                edges.Add((t.TotalMilliseconds, level.Lit));
            last = level.Lit;
            if (level.NextChangeIn is not { } next)
                break;
            Assert.True(next > TimeSpan.Zero, $"{pattern} at {t} reports a change after {next}");
            t += next;
        }
        return edges;
    }

    [Fact]
    public void SteadyOnIsLitAtEveryMomentAndNeverChanges()
    {
        foreach (var t in new[] { 0.0, 1, 499, 86_400_000 })
        {
            var level = LedPattern.On.LevelAt(Ms(t));
            Assert.True(level.Lit);
            Assert.Null(level.NextChangeIn);
        }
        Assert.True(LedPattern.On.IsSteady);
    }

    [Fact]
    public void OffIsDarkAndNeverChanges()
    {
        var level = LedPattern.Off.LevelAt(Ms(12_345));
        Assert.False(level.Lit);
        Assert.Null(level.NextChangeIn);
    }

    [Fact]
    public void BlinkAlternatesAtItsOnAndOffDurations()
    {
        var pattern = LedPattern.Blink(Ms(100), Ms(300));
        Assert.Equal(
            [(0, true), (100, false), (400, true), (500, false), (800, true), (900, false), (1200, true)],
            Edges(pattern, Ms(1200)));
        Assert.Equal(Ms(400), pattern.Period);
    }

    [Fact]
    public void SlowBlinkIsOneBlinkASecondAndFastBlinkFiveASecond()
    {
        Assert.Equal([(0, true), (500, false), (1000, true), (1500, false), (2000, true)], Edges(LedPattern.SlowBlink, Ms(2000)));
        Assert.Equal(11, Edges(LedPattern.FastBlink, Ms(1000)).Count); // lit at 0, 200, ..., 1000; dark at 100, ..., 900
    }

    [Fact]
    public void LevelInTheMiddleOfASegmentReportsTheTimeLeftInIt()
    {
        var level = LedPattern.Blink(Ms(100), Ms(300)).LevelAt(Ms(430));
        Assert.True(level.Lit);
        Assert.Equal(Ms(70), level.NextChangeIn);
    }

    [Fact]
    public void CodeOfThreeFlashesThreeTimesThenPausesAndRepeats()
    {
        var flash = LedPattern.CodeFlash.TotalMilliseconds;
        var gap = LedPattern.CodeGap.TotalMilliseconds;
        var pause = LedPattern.CodePause.TotalMilliseconds;
        var cycle = 3 * (flash + gap) + pause;
        var expected = new List<(double, bool)>();
        for (var c = 0; c < 2; c++)
            for (var i = 0; i < 3; i++)
            {
                expected.Add((c * cycle + i * (flash + gap), true));
                expected.Add((c * cycle + i * (flash + gap) + flash, false));
            }
        expected.Add((2 * cycle, true));
        Assert.Equal(expected, Edges(LedPattern.Code(3), TimeSpan.FromMilliseconds(2 * cycle)));
    }

    [Fact]
    public void CodeWithCyclesEndsDarkAndFinished()
    {
        var pattern = LedPattern.Code(1, cycles: 2);
        var edges = Edges(pattern, TimeSpan.FromMinutes(1));
        Assert.Equal(4, edges.Count); // on, off, on, off: two flashes, then nothing more
        Assert.Equal([true, false, true, false], edges.Select(e => e.Lit));
        var after = pattern.LevelAt(pattern.Period * 2);
        Assert.True(after.Finished);
        Assert.False(after.Lit);
        Assert.Null(after.NextChangeIn);
        Assert.False(pattern.LevelAt(pattern.Period * 2 - Ms(1)).Finished);
    }

    [Fact]
    public void ActivityFlashIsOneShortPulseFollowedByAGap()
    {
        var pattern = LedPattern.ActivityFlash;
        Assert.True(pattern.LevelAt(TimeSpan.Zero).Lit);
        Assert.False(pattern.LevelAt(Ms(60)).Lit);
        Assert.False(pattern.LevelAt(Ms(60)).Finished);
        Assert.True(pattern.LevelAt(Ms(120)).Finished);
        Assert.Equal(1, pattern.Cycles);
    }

    [Fact]
    public void PatternsWithTheSameSegmentsAreEqualAndDifferentOnesAreNot()
    {
        Assert.Equal(LedPattern.Code(2), LedPattern.Code(2));
        Assert.Equal(LedPattern.Code(2).GetHashCode(), LedPattern.Code(2).GetHashCode());
        Assert.NotEqual(LedPattern.Code(2), LedPattern.Code(3));
        Assert.NotEqual(LedPattern.Code(2), LedPattern.Code(2, cycles: 1));
        Assert.NotEqual(LedPattern.On, LedPattern.Off);
        Assert.Equal(LedPattern.Blink(Ms(100), Ms(100)), LedPattern.FastBlink);
    }

    [Fact]
    public void AdjacentSegmentsOfOneLevelAreMerged()
    {
        var pattern = LedPattern.Create("test", [new(true, Ms(100)), new(true, Ms(50)), new(false, Ms(100))], cycles: 0);
        Assert.Equal([new LedSegment(true, Ms(150)), new LedSegment(false, Ms(100))], pattern.Segments.ToArray());
    }

    [Fact]
    public void AcrossCyclesAChangeIsOnlyReportedWhereTheLevelReallyChanges()
    {
        // Lit at the end of one cycle and at the start of the next: one lit stretch of 100 + 50 ms.
        var pattern = LedPattern.Create("test", [new(true, Ms(50)), new(false, Ms(100)), new(true, Ms(100))], cycles: 0);
        var level = pattern.LevelAt(Ms(150));
        Assert.True(level.Lit);
        Assert.Equal(Ms(150), level.NextChangeIn);
    }

    [Fact]
    public void SegmentsTooShortToSeeAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LedPattern.Blink(Ms(1), Ms(100)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LedPattern.Code(0));
    }
}
