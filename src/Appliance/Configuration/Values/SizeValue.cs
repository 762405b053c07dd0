using System.Globalization;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>Bytes, or a number with k (KiB) or M (MiB): Postfix takes plain bytes, people write "10M".</summary>
public static class SizeValue
{
    public static string Forms(long minimum, long maximum) =>
        $"bytes (e.g. 10240000) or a number with k or M (1024-based, e.g. 10M), from {minimum} to {maximum} bytes";

    public static bool TryParse(string text, long minimum, long maximum, out long bytes, out string? problem)
    {
        bytes = 0;
        problem = null;
        long multiplier = 1;
        string digits = text;
        if (text.Length > 0 && char.IsLetter(text[^1]))
        {
            multiplier = text[^1] switch
            {
                'k' or 'K' => 1024,
                'm' or 'M' => 1024 * 1024,
                _ => 0,
            };
            digits = text[..^1].TrimEnd();
        }

        if (multiplier == 0 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            problem = text.Length == 0 ? "is empty" : $"\"{text}\" is not a size";
            return false;
        }

        if (number > long.MaxValue / multiplier)
        {
            problem = $"\"{text}\" is too large";
            return false;
        }

        bytes = number * multiplier;
        return CountValue.InRange(bytes, minimum, maximum, $"\"{text}\"", out problem);
    }
}
