namespace Relaybox.Appliance.Configuration.Values;

/// <summary>
/// SHA-256 certificate fingerprints, in hex, with or without colons (as "openssl x509 -fingerprint -sha256"
/// prints them). Several may be listed so a pin can be rotated before the upstream changes certificate.
/// </summary>
public static class FingerprintListValue
{
    public const int MaxEntries = 16;

    public const string Forms = "SHA-256 fingerprints in hex (64 digits, colons allowed), separated by commas or spaces";

    /// <summary>Repeats are kept: a pin is only looked up, so one listed twice changes nothing.</summary>
    public static bool TryParse(string text, out IReadOnlyList<string> fingerprints, out string? problem) =>
        ListValueParser.TryParseEach(
            text, MaxEntries, count => $"has {count} fingerprints; at most {MaxEntries} are allowed",
            RepeatedEntries.Kept, TryParseOne, out fingerprints, out problem);

    private static bool TryParseOne(string entry, out string hex, out string? problem)
    {
        problem = null;
        hex = entry.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            problem = $"\"{entry}\" is not a SHA-256 fingerprint (64 hex digits)";
            return false;
        }

        return true;
    }
}
