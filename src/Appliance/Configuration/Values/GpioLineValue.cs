namespace Relaybox.Appliance.Configuration.Values;

/// <summary>A GPIO line: its name as the device tree gives it (GPIO17) or its offset on the chip (17); empty = not used.</summary>
public static class GpioLineValue
{
    public const string Forms = "a line name such as GPIO17, a line offset such as 17, or empty";

    public static bool TryParse(string text, out string? line, out string? problem)
    {
        line = text.Length == 0 ? null : text;
        problem = null;

        // The kernel's uAPI v2 limits line names to 32 bytes (GPIO_MAX_NAME_SIZE).
        if (text.Length > 31 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problem = $"\"{text}\" is not a GPIO line name or offset";
            line = null;
            return false;
        }

        return true;
    }
}
