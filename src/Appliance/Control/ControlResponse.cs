namespace Relaybox.Appliance.Control;

/// <summary>
/// The wire words of a control response, shared by server and client: data lines, then one final line,
/// "ok" or "error TEXT". A change reply starts with "changed N" (the exact count) followed by the ids,
/// at most <see cref="ControlServerOptions.MaxListedIds"/> of them; "test-mail" answers "queued ID", "button"
/// "presses N" or "no button".
/// </summary>
public static class ControlResponse
{
    public const string Ok = "ok";
    public const string ErrorPrefix = "error ";
    public const string ChangedPrefix = "changed ";

    /// <summary>The data line of a "test-mail" reply: "queued ID".</summary>
    public const string QueuedPrefix = "queued ";

    /// <summary>The data line of a "button" reply when there is a button: "presses N".</summary>
    public const string PressesPrefix = "presses ";

    /// <summary>The data line of a "button" reply when [gpio] names no button (or it could not be opened).</summary>
    public const string NoButton = "no button";

    public static string PressesLine(int count) => PressesPrefix + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ChangedLine(int count) => ChangedPrefix + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A line fit for the protocol: control characters (which could end the line early and forge a final
    /// "ok") become spaces, and it is cut to <paramref name="maxLength"/> characters.
    /// </summary>
    public static string OneLine(string text, int maxLength)
    {
        string clean = string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
        if (clean.Length <= maxLength)
        {
            return clean;
        }

        int cut = maxLength - 3;
        if (char.IsHighSurrogate(clean[cut - 1]))
        {
            cut--; // never leave half of a character behind
        }

        return clean[..cut] + "...";
    }
}
