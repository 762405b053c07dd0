namespace Relaybox.Appliance.Configuration.Schema;

/// <summary>
/// Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two neighbours),
/// case-insensitive, for "did you mean" suggestions.
/// </summary>
public static class EditDistance
{
    /// <summary>Config words are short; longer input is compared by its first characters only (bounded work).</summary>
    private const int MaxLength = 64;

    public static int Between(string a, string b)
    {
        ReadOnlySpan<char> x = a.AsSpan(0, Math.Min(a.Length, MaxLength));
        ReadOnlySpan<char> y = b.AsSpan(0, Math.Min(b.Length, MaxLength));
        int width = y.Length + 1;
        var d = new int[(x.Length + 1) * width];
        for (int i = 0; i <= x.Length; i++)
        {
            d[i * width] = i;
        }

        for (int j = 0; j <= y.Length; j++)
        {
            d[j] = j;
        }

        for (int i = 1; i <= x.Length; i++)
        {
            for (int j = 1; j <= y.Length; j++)
            {
                int cost = char.ToLowerInvariant(x[i - 1]) == char.ToLowerInvariant(y[j - 1]) ? 0 : 1;
                int best = Math.Min(Math.Min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1), d[(i - 1) * width + j - 1] + cost);
                if (i > 1 && j > 1
                    && char.ToLowerInvariant(x[i - 1]) == char.ToLowerInvariant(y[j - 2])
                    && char.ToLowerInvariant(x[i - 2]) == char.ToLowerInvariant(y[j - 1]))
                {
                    best = Math.Min(best, d[(i - 2) * width + j - 2] + 1);
                }

                d[i * width + j] = best;
            }
        }

        return d[x.Length * width + y.Length];
    }

    /// <summary>How far a word may be from a suggestion: one edit for short words, up to a third of the word.</summary>
    public static int Tolerance(string word) => Math.Clamp(word.Length / 3, 1, 4);

    /// <summary>The candidate nearest to <paramref name="word"/> within <see cref="Tolerance"/>, first listed on ties; null if none.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = Tolerance(word) + 1;
        foreach (string candidate in candidates)
        {
            int distance = Between(word, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }
}
