namespace Relaybox.Hardware.Gpio;

/// <summary>
/// Which entries of /dev are GPIO character devices, in the kernel's numbering order (gpiochip2 before gpiochip10).
/// Pure over a listing so the ordering can be tested without a /dev.
/// </summary>
public static class GpioChipPaths
{
    public const string DeviceDirectory = "/dev";

    /// <summary>The /dev/gpiochipN paths present on this machine, in numeric order.</summary>
    public static IReadOnlyList<string> List(string deviceDirectory = DeviceDirectory)
    {
        if (!Directory.Exists(deviceDirectory))
        {
            return [];
        }

        return Select(deviceDirectory, Directory.EnumerateFileSystemEntries(deviceDirectory, "gpiochip*").Select(Path.GetFileName).OfType<string>());
    }

    /// <summary>Keeps the names of the form gpiochipN and orders them by N.</summary>
    public static IReadOnlyList<string> Select(string deviceDirectory, IEnumerable<string> entryNames) =>
        entryNames
            .Select(name => (name, number: ChipNumber(name)))
            .Where(entry => entry.number >= 0)
            .OrderBy(entry => entry.number)
            .Select(entry => Path.Combine(deviceDirectory, entry.name))
            .ToList();

    /// <summary>N of "gpiochipN", or -1 for any other name.</summary>
    public static int ChipNumber(string entryName)
    {
        const string prefix = "gpiochip";
        if (!entryName.StartsWith(prefix, StringComparison.Ordinal) || entryName.Length == prefix.Length)
        {
            return -1;
        }

        ReadOnlySpan<char> digits = entryName.AsSpan(prefix.Length);
        foreach (char digit in digits)
        {
            if (!char.IsAsciiDigit(digit))
            {
                return -1;
            }
        }

        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number) ? number : -1;
    }
}
