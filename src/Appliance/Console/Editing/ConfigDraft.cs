using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Console.Editing;

/// <summary>
/// The config file as the console is editing it: the document read at the start of a dialog plus the values
/// changed since, in memory only until <see cref="ConsoleApply"/> writes them. Every value is checked the moment
/// it is typed by the same code as <c>relaybox config check</c> (the edited document is checked as a whole and the
/// errors on that key's line are the answer), so the console cannot accept what the daemon would refuse.
/// </summary>
public sealed class ConfigDraft
{
    private const string NewFileHeader =
        "; relaybox configuration, written by the setup console (relaybox console).\n" +
        "; every key not named here has its default: relaybox config reference lists them.\n";

    private readonly List<(ConfigKey Key, string? Value)> changes = [];
    private IniDocument document;

    private ConfigDraft(string path, string? originalText)
    {
        Path = path;
        OriginalText = originalText;
        document = IniDocument.Parse(originalText ?? NewFileHeader, path);
    }

    /// <summary>The config file's path.</summary>
    public string Path { get; }

    /// <summary>The file's text when the dialog started; null when there was no file.</summary>
    public string? OriginalText { get; }

    /// <summary>The changes in the order they were made (a null value: the key's line removed, its default applies).</summary>
    public IReadOnlyList<(ConfigKey Key, string? Value)> Changes => changes;

    public bool HasChanges => changes.Count > 0;

    /// <summary>Reads the config file; a missing file is an empty draft (every key at its default).</summary>
    public static ConfigDraft Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ConfigDraft(path, null);
        }

        if (!ConfigLoader.TryReadText(path, out string text, out string? problem))
        {
            throw new IOException($"{path} {problem}");
        }

        return new ConfigDraft(path, text);
    }

    /// <summary>The value in the draft, or the key's default when the file does not set it.</summary>
    public string Value(ConfigKey key) => document.GetValue(key.Section, key.Name) ?? key.Default;

    /// <summary>True when the file names the key (a value equal to the default still counts).</summary>
    public bool IsSet(ConfigKey key) => document.Find(key.Section, key.Name) is not null;

    /// <summary>What is wrong with <paramref name="value"/> for <paramref name="key"/> in this draft, or null when it is fine.</summary>
    public string? ProblemWith(ConfigKey key, string value) =>
        Diagnose(key, value, out string? invalid) is { } found
            ? found.FirstOrDefault(d => d.IsError)?.Message
            : invalid;

    /// <summary>
    /// What <c>config check</c> would warn about <paramref name="value"/> for <paramref name="key"/> in this draft
    /// (a public network in mynetworks, a hostname that is not fully qualified): allowed, but worth a second thought.
    /// </summary>
    public IReadOnlyList<string> WarningsWith(ConfigKey key, string value) =>
        Diagnose(key, value, out _) is { } found
            ? found.Where(d => d.Severity == ConfigSeverity.Warning).Select(d => d.Message).ToList()
            : [];

    /// <summary>The draft checked as a whole with the value set; the diagnostics on that key's line, or null when the value cannot be set at all.</summary>
    private IEnumerable<ConfigDiagnostic>? Diagnose(ConfigKey key, string value, out string? invalid)
    {
        invalid = null;
        var trial = IniDocument.Parse(document.ToString(), Path);
        try
        {
            trial.Set(key.Section, key.Name, value);
        }
        catch (ArgumentException e)
        {
            invalid = e.Message;
            return null;
        }

        int line = trial.Find(key.Section, key.Name)!.Number;
        return ConfigLoader.Check(trial).Diagnostics.Where(d => d.Line == line);
    }

    /// <summary>Sets a value that <see cref="ProblemWith"/> accepted (the owner's comments on the line stay).</summary>
    public void Set(ConfigKey key, string value)
    {
        document.Set(key.Section, key.Name, value);
        Record(key, value);
    }

    /// <summary>Removes the key's line so its default applies again.</summary>
    public void Unset(ConfigKey key)
    {
        if (document.Remove(key.Section, key.Name))
        {
            Record(key, null);
        }
    }

    /// <summary>The whole draft checked as <c>relaybox config check</c> would check the file.</summary>
    public ConfigLoadResult Check() => ConfigLoader.Check(IniDocument.Parse(document.ToString(), Path));

    /// <summary>The text the file will have.</summary>
    public string Text => document.ToString();

    /// <summary>Forgets every change: the draft is the file as read again.</summary>
    public void Discard()
    {
        document = IniDocument.Parse(OriginalText ?? NewFileHeader, Path);
        changes.Clear();
    }

    private void Record(ConfigKey key, string? value)
    {
        changes.RemoveAll(change => change.Key == key);
        changes.Add((key, value));
    }
}
