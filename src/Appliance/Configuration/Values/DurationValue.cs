using System.Globalization;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>Postfix time units: plain seconds, or a number with s, m, h or d.</summary>
public static class DurationValue
{
    public static string Forms(long minimumSeconds, long maximumSeconds) =>
        $"seconds (e.g. 300) or a number with s, m, h or d (e.g. 300s, 5m, 2h, 5d), from {minimumSeconds}s to {maximumSeconds}s";

    public static bool TryParse(string text, long minimumSeconds, long maximumSeconds, out TimeSpan value, out string? problem)
    {
        value = TimeSpan.Zero;
        problem = null;
        long unit = 1;
        string digits = text;
        if (text.Length > 0 && char.IsLetter(text[^1]))
        {
            unit = char.ToLowerInvariant(text[^1]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                _ => 0,
            };
            digits = text[..^1].TrimEnd();
        }

        if (unit == 0 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number)
            || number > long.MaxValue / unit / TimeSpan.TicksPerSecond)
        {
            problem = text.Length == 0 ? "is empty" : $"\"{text}\" is not a duration";
            return false;
        }

        long seconds = number * unit;
        if (!CountValue.InRange(seconds, minimumSeconds, maximumSeconds, $"\"{text}\" ({seconds}s)", out problem))
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
