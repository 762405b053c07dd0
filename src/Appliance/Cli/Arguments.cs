namespace Relaybox.Appliance.Cli;

/// <summary>
/// The words after the verb: positional values and "--name [value]" options, parsed by hand so the
/// native binary carries no reflection-based command-line library.
/// </summary>
public sealed class Arguments
{
    private readonly List<string> positional = [];
    private readonly Dictionary<string, List<string>> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private Arguments()
    {
    }

    public IReadOnlyList<string> Positional => positional;

    /// <summary>
    /// Parses <paramref name="args"/>; <paramref name="valueOptions"/> take a value, <paramref name="flagOptions"/> do not.
    /// Anything else starting with "--" is an error, as is a missing value.
    /// </summary>
    public static bool TryParse(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions,
        out Arguments parsed, out string error)
    {
        parsed = new Arguments();
        using var words = args.GetEnumerator();
        while (words.MoveNext())
        {
            string word = words.Current;
            if (!word.StartsWith("--", StringComparison.Ordinal) || word == "--")
            {
                parsed.positional.Add(word);
                continue;
            }

            string name = word;
            string? inlineValue = null;
            int equals = word.IndexOf('=');
            if (equals > 0)
            {
                name = word[..equals];
                inlineValue = word[(equals + 1)..];
            }

            if (flagOptions.Contains(name) && inlineValue is null)
            {
                parsed.flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                string? value = inlineValue ?? (words.MoveNext() ? words.Current : null);
                if (value is null)
                {
                    error = $"{name} needs a value";
                    return false;
                }

                if (!parsed.options.TryGetValue(name, out var list))
                {
                    parsed.options[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                error = $"unknown option {name}";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    public bool Has(string flag) => flags.Contains(flag);

    public string? Value(string option) => options.TryGetValue(option, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string option) => options.TryGetValue(option, out var list) ? list : [];
}
