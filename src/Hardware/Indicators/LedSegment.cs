namespace Relaybox.Hardware.Indicators;

/// <summary>One stretch of a <see cref="LedPattern"/>: the LED lit or dark for <see cref="Duration"/>.</summary>
public readonly record struct LedSegment(bool Lit, TimeSpan Duration);
