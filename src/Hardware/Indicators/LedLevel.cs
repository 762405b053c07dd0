namespace Relaybox.Hardware.Indicators;

/// <summary>
/// Where a pattern stands at one moment: whether the LED is lit, how long until it next changes (null = never:
/// a steady pattern, or a finished one), and whether a pattern with a fixed number of cycles has run out.
/// </summary>
public readonly record struct LedLevel(bool Lit, TimeSpan? NextChangeIn, bool Finished);
