using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>One word, or a list of words, from a closed vocabulary; an unknown word gets a "did you mean".</summary>
public static class WordListValue
{
    public static string Forms<T>(WordTable<T> words, bool list)
        where T : struct, Enum =>
        (list ? "words separated by commas or spaces from: " : "one of: ") + string.Join(list ? " " : "|", words.Words);

    public static bool TryParseList<T>(string text, WordTable<T> words, out IReadOnlyList<T> values, out string? problem)
        where T : struct, Enum =>
        ListValueParser.TryParseEachOnce(
            text, (string word, out T value, out string? wordProblem) => TryParseWord(word, words, out value, out wordProblem), out values, out problem);

    public static bool TryParseWord<T>(string text, WordTable<T> words, out T value, out string? problem)
        where T : struct, Enum
    {
        problem = null;
        if (words.TryGet(text, out value))
        {
            return true;
        }

        string? closest = EditDistance.Closest(text, words.Words);
        problem = text.Length == 0 ? "is empty"
            : closest is null ? $"unknown word \"{text}\""
            : $"unknown word \"{text}\"; did you mean \"{closest}\"?";
        return false;
    }
}
