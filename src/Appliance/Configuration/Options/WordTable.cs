namespace Relaybox.Appliance.Configuration.Options;

/// <summary>A closed vocabulary: words (matched case-insensitively) and the values they stand for.</summary>
public sealed class WordTable<T>(IReadOnlyList<(string Word, T Value)> entries)
    where T : struct, Enum
{
    public IReadOnlyList<(string Word, T Value)> Entries { get; } = entries;

    public IEnumerable<string> Words => Entries.Select(e => e.Word);

    public bool TryGet(string word, out T value)
    {
        foreach ((string candidate, T candidateValue) in Entries)
        {
            if (string.Equals(candidate, word, StringComparison.OrdinalIgnoreCase))
            {
                value = candidateValue;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The word for a value, as written in relaybox.ini (e.g. "SCRAM-SHA-256").</summary>
    public string WordFor(T value)
    {
        foreach ((string word, T candidate) in Entries)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return word;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "not in this word table");
    }
}
