using System.Collections.Immutable;

namespace Relaybox.Hardware.Indicators;

/// <summary>
/// What one LED does over time, as data: a steady level, or a list of lit/dark segments played a fixed number
/// of times or forever. Immutable; two patterns with the same segments are equal, so setting the same pattern
/// again does not restart it. A finite pattern leaves the LED dark when it has run out.
/// </summary>
public sealed class LedPattern : IEquatable<LedPattern>
{
    /// <summary>Shortest segment accepted: shorter ones would not be visible and would only wake the CPU.</summary>
    public static readonly TimeSpan MinimumSegment = TimeSpan.FromMilliseconds(10);

    public static readonly LedPattern Off = new("off", steadyLevel: false, [], cycles: 0);
    public static readonly LedPattern On = new("on", steadyLevel: true, [], cycles: 0);

    /// <summary>Starting: one slow blink a second.</summary>
    public static readonly LedPattern SlowBlink = Blink(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));

    /// <summary>Setup needed, and the reset warning: five blinks a second, hard to miss.</summary>
    public static readonly LedPattern FastBlink = Blink(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));

    /// <summary>
    /// One message accepted or delivered: a short pulse, then a dark gap of the same length so that a burst of
    /// messages still shows as separate flickers rather than a steady light.
    /// </summary>
    public static readonly LedPattern ActivityFlash = Pulse(TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(60));

    /// <summary>Flash length and gap of a blink code, and the pause that separates one repetition from the next.</summary>
    public static readonly TimeSpan CodeFlash = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan CodeGap = TimeSpan.FromMilliseconds(350);
    public static readonly TimeSpan CodePause = TimeSpan.FromMilliseconds(1500);

    private LedPattern(string name, bool steadyLevel, ImmutableArray<LedSegment> segments, int cycles)
    {
        Name = name;
        SteadyLevel = steadyLevel;
        Segments = segments;
        Cycles = cycles;
        Period = TimeSpan.Zero;
        foreach (var segment in segments)
            Period += segment.Duration;
    }

    /// <summary>For logs and test messages ("blink 100/100 ms").</summary>
    public string Name { get; }

    /// <summary>The level of a steady pattern (no segments).</summary>
    public bool SteadyLevel { get; }

    /// <summary>Segments of one cycle; empty for a steady pattern. Adjacent segments always differ in level.</summary>
    public ImmutableArray<LedSegment> Segments { get; }

    /// <summary>How many times the segments play; 0 = forever.</summary>
    public int Cycles { get; }

    /// <summary>Length of one cycle (zero for a steady pattern).</summary>
    public TimeSpan Period { get; }

    public bool IsSteady => Segments.IsEmpty;

    /// <summary>Lit for <paramref name="on"/>, dark for <paramref name="off"/>, forever.</summary>
    public static LedPattern Blink(TimeSpan on, TimeSpan off) =>
        Create($"blink {on.TotalMilliseconds:0}/{off.TotalMilliseconds:0} ms", [new(true, on), new(false, off)], cycles: 0);

    /// <summary>One pulse lit for <paramref name="on"/>, then dark for at least <paramref name="gap"/>; then finished.</summary>
    public static LedPattern Pulse(TimeSpan on, TimeSpan gap) =>
        Create($"pulse {on.TotalMilliseconds:0} ms", [new(true, on), new(false, gap)], cycles: 1);

    /// <summary>
    /// A count-and-pause code: <paramref name="count"/> short flashes, then a pause; repeated
    /// <paramref name="cycles"/> times (0 = forever). Counting flashes is the one thing anyone can read off an LED.
    /// </summary>
    public static LedPattern Code(int count, int cycles = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 9);
        var segments = new List<LedSegment>(2 * count);
        for (var i = 0; i < count; i++)
        {
            segments.Add(new(true, CodeFlash));
            // The gap after the last flash becomes part of the pause (adjacent dark segments are merged).
            segments.Add(new(false, i == count - 1 ? CodeGap + CodePause : CodeGap));
        }
        return Create($"code {count}", segments, cycles);
    }

    /// <summary>Any sequence of segments; adjacent segments of the same level are merged.</summary>
    public static LedPattern Create(string name, IEnumerable<LedSegment> segments, int cycles)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        var merged = ImmutableArray.CreateBuilder<LedSegment>();
        foreach (var segment in segments)
        {
            if (segment.Duration < MinimumSegment)
                throw new ArgumentOutOfRangeException(nameof(segments), segment.Duration, $"Segments last at least {MinimumSegment.TotalMilliseconds} ms.");
            if (merged.Count > 0 && merged[^1].Lit == segment.Lit)
                merged[^1] = merged[^1] with { Duration = merged[^1].Duration + segment.Duration };
            else
                merged.Add(segment);
        }
        if (merged.Count == 0)
            throw new ArgumentException("A pattern needs at least one segment; use On or Off for a steady level.", nameof(segments));
        return new LedPattern(name, steadyLevel: false, merged.ToImmutable(), cycles);
    }

    /// <summary>The level <paramref name="elapsed"/> after the pattern started, and when it next changes.</summary>
    public LedLevel LevelAt(TimeSpan elapsed)
    {
        if (IsSteady)
            return new LedLevel(SteadyLevel, null, Finished: false);
        if (elapsed < TimeSpan.Zero)
            elapsed = TimeSpan.Zero;
        var cycle = elapsed.Ticks / Period.Ticks;
        if (Cycles > 0 && cycle >= Cycles)
            return new LedLevel(false, null, Finished: true);

        var intoCycle = TimeSpan.FromTicks(elapsed.Ticks % Period.Ticks);
        var index = 0;
        var segmentEnd = Segments[0].Duration;
        while (intoCycle >= segmentEnd)
            segmentEnd += Segments[++index].Duration;
        var lit = Segments[index].Lit;
        var untilChange = segmentEnd - intoCycle;

        var lastSegmentOfPattern = index == Segments.Length - 1 && Cycles > 0 && cycle == Cycles - 1;
        if (lastSegmentOfPattern)
            return new LedLevel(lit, untilChange, Finished: false); // the pattern ends here: the driver takes over
        // Wrapping around: the last and first segments may share a level (a blink that starts dark after ending
        // dark cannot happen after merging within a cycle, but can across cycles), so skip to a real change.
        if (index == Segments.Length - 1 && Segments[0].Lit == lit && Segments.Length > 1)
            untilChange += Segments[0].Duration;
        return new LedLevel(lit, untilChange, Finished: false);
    }

    public bool Equals(LedPattern? other) =>
        other is not null
        && SteadyLevel == other.SteadyLevel
        && Cycles == other.Cycles
        && Segments.AsSpan().SequenceEqual(other.Segments.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as LedPattern);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SteadyLevel);
        hash.Add(Cycles);
        foreach (var segment in Segments)
            hash.Add(segment);
        return hash.ToHashCode();
    }

    public override string ToString() => Cycles == 0 ? Name : $"{Name} x{Cycles}";
}
