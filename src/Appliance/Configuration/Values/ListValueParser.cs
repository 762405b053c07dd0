namespace Relaybox.Appliance.Configuration.Values;

/// <summary>
/// The one loop behind every list value in relaybox.ini: split with <see cref="ListSplitter"/>, refuse more entries
/// than the list's bound before reading any, parse each entry with the list's own parser (whose message names the
/// entry), and refuse repeats where the list asks for that. The first problem ends the parse; nothing is half-read.
/// </summary>
public static class ListValueParser
{
    /// <summary>Reads one entry of a list, or says in words, naming the entry, why it cannot.</summary>
    public delegate bool TryParseEntry<T>(string entry, out T value, out string? problem);

    /// <param name="maxEntries">The list's bound; a longer list is refused before any entry is parsed.</param>
    /// <param name="tooManyProblem">The message for a list of the given length over the bound.</param>
    public static bool TryParseEach<T>(
        string text,
        int maxEntries,
        Func<int, string> tooManyProblem,
        RepeatedEntries repeats,
        TryParseEntry<T> parseEntry,
        out IReadOnlyList<T> values,
        out string? problem)
    {
        values = [];
        string[] entries = ListSplitter.Split(text);
        if (entries.Length > maxEntries)
        {
            problem = tooManyProblem(entries.Length);
            return false;
        }

        return TryParseEntries(entries, repeats, parseEntry, out values, out problem);
    }

    /// <summary>
    /// For a list drawn from a closed vocabulary: repeats are refused, so a list that parses can be no longer than
    /// the vocabulary, and no separate bound is needed.
    /// </summary>
    public static bool TryParseEachOnce<T>(string text, TryParseEntry<T> parseEntry, out IReadOnlyList<T> values, out string? problem) =>
        TryParseEntries(ListSplitter.Split(text), RepeatedEntries.Refused, parseEntry, out values, out problem);

    private static bool TryParseEntries<T>(
        string[] entries, RepeatedEntries repeats, TryParseEntry<T> parseEntry, out IReadOnlyList<T> values, out string? problem)
    {
        values = [];
        problem = null;
        var result = new List<T>(entries.Length);
        HashSet<T>? seen = repeats == RepeatedEntries.Refused ? new HashSet<T>(entries.Length) : null;
        foreach (string entry in entries)
        {
            if (!parseEntry(entry, out T value, out problem))
            {
                return false;
            }

            if (seen is not null && !seen.Add(value))
            {
                problem = $"\"{entry}\" is listed twice";
                return false;
            }

            result.Add(value);
        }

        values = result;
        return true;
    }
}
