using System.Globalization;

namespace Relaybox.Appliance.Configuration.Values;

public static class CountValue
{
    public static string Forms(long minimum, long maximum) => $"a whole number from {minimum} to {maximum}";

    public static bool TryParse(string text, long minimum, long maximum, out long value, out string? problem)
    {
        problem = null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            problem = text.Length == 0 ? "is empty" : $"\"{text}\" is not a whole number";
            return false;
        }

        return InRange(value, minimum, maximum, value.ToString(CultureInfo.InvariantCulture), out problem);
    }

    internal static bool InRange(long value, long minimum, long maximum, string shown, out string? problem)
    {
        problem = value < minimum ? $"{shown} is below the minimum {minimum}"
            : value > maximum ? $"{shown} is above the maximum {maximum}"
            : null;
        return problem is null;
    }
}
