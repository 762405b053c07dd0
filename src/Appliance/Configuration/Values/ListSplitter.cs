namespace Relaybox.Appliance.Configuration.Values;

/// <summary>Lists in relaybox.ini are separated by commas and/or whitespace, as in Postfix's main.cf.</summary>
public static class ListSplitter
{
    private static readonly char[] Separators = [',', ' ', '\t'];

    public static string[] Split(string text) => text.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
