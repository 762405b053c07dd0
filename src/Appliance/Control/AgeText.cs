namespace Relaybox.Appliance.Control;

/// <summary>Ages the way mailq readers expect: 42s, 7m, 3h, 2d (whole units, rounded down).</summary>
public static class AgeText
{
    public static string Format(TimeSpan age) => age.TotalSeconds < 0 ? "0s"
        : age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours}h"
        : $"{(int)age.TotalDays}d";
}
