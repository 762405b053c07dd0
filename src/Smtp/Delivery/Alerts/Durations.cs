using System.Globalization;

namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>Time spans in the words a person uses: "2 days 3 hours", "1 hour 5 minutes", "40 seconds".</summary>
internal static class Durations
{
    public static string Describe(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return Unit((long)span.TotalSeconds, "second");
        }

        if (span < TimeSpan.FromHours(1))
        {
            return Unit((long)span.TotalMinutes, "minute");
        }

        if (span <= TimeSpan.FromDays(1))
        {
            return Pair((long)span.TotalHours, "hour", span.Minutes, "minute");
        }

        return Pair((long)span.TotalDays, "day", span.Hours, "hour");
    }

    private static string Pair(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? Unit(major, majorUnit) : Unit(major, majorUnit) + " " + Unit(minor, minorUnit);

    private static string Unit(long count, string unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? string.Empty : "s");
}
