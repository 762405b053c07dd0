namespace Relaybox.Appliance.Configuration.Values;

public static class BoolValue
{
    public const string Forms = "yes or no (also true/false, on/off, 1/0)";

    public static bool TryParse(string text, out bool value, out string? problem)
    {
        problem = null;
        switch (text.ToLowerInvariant())
        {
            case "yes" or "true" or "on" or "1":
                value = true;
                return true;
            case "no" or "false" or "off" or "0":
                value = false;
                return true;
            default:
                value = false;
                problem = text.Length == 0 ? "is empty" : $"\"{text}\" is not a yes/no value";
                return false;
        }
    }
}
