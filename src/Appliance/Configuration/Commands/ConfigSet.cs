using System.Text;
using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Configuration.Commands;

/// <summary>
/// "relaybox config set section.key value": edits one value in place (the owner's comments stay), checks the
/// whole resulting file, and only then replaces it atomically, keeping the previous version as "file.bak".
/// A file that would have errors is left untouched. "Unset" removes a key's line so its default applies again
/// (like "postconf -X").
/// </summary>
public sealed class ConfigSet(SafeFile safeFile)
{
    /// <summary>Mode of a config file that did not exist yet: readable by the relaybox group, not by everyone.</summary>
    public const UnixFileMode NewFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>0 when the file was written, 1 when it was left as it was (the reasons are printed).</returns>
    public static int Run(string path, string key, string value, TextWriter output) =>
        new ConfigSet(SafeFile.Default).Execute(path, key, value, output);

    /// <returns>0 when the key's line was removed (or there was none), 1 when the file was left as it was.</returns>
    public static int Unset(string path, string key, TextWriter output) =>
        new ConfigSet(SafeFile.Default).Execute(path, key, null, output);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, or removes its line when the value is null.</summary>
    public int Execute(string path, string key, string? value, TextWriter output)
    {
        ConfigKey? known = ConfigSchema.Find(key);
        if (known is null)
        {
            output.WriteLine($"{path}: error: {UnknownKeyMessage(key)}; nothing changed");
            return ConfigCheck.ExitInvalid;
        }

        bool exists = File.Exists(path);
        string text = "";
        if (exists && !ConfigLoader.TryReadText(path, out text, out string? problem))
        {
            output.WriteLine(ConfigDiagnostic.Error(path, 0, problem!).ToString());
            return ConfigCheck.ExitInvalid;
        }

        IniDocument document = IniDocument.Parse(text, path);
        if (value is null && !document.Remove(known.Section, known.Name))
        {
            output.WriteLine($"{path}: {known.FullName} is not set; nothing to remove");
            return ConfigCheck.ExitOk;
        }

        try
        {
            if (value is not null)
            {
                document.Set(known.Section, known.Name, value);
            }
        }
        catch (ArgumentException e)
        {
            output.WriteLine($"{path}: error: {known.FullName}: {e.Message}; nothing changed");
            return ConfigCheck.ExitInvalid;
        }

        ConfigLoadResult result = ConfigLoader.Check(document);
        foreach (ConfigDiagnostic diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        if (result.HasErrors)
        {
            output.WriteLine($"{path}: not changed: the result would have {ConfigCheck.Plural(result.Errors.Count(), "error")}");
            return ConfigCheck.ExitInvalid;
        }

        Replace(safeFile, path, exists ? text : null, document.ToString());
        string change = value is null ? $"{known.FullName} removed (default: {Shown(known.Default)})" : $"{known.FullName} = {value}";
        output.WriteLine($"{path}: {change}" + (exists ? $" (previous file kept as {path}.bak)" : ""));
        return ConfigCheck.ExitOk;
    }

    /// <summary>
    /// Writes <paramref name="newText"/> to the config file atomically, first keeping <paramref name="previousText"/>
    /// (null: there was no file) as "file.bak" with the file's mode; a new file gets <see cref="NewFileMode"/>.
    /// The text was decoded strictly from UTF-8 (a byte-order mark kept as U+FEFF), so encoding it again gives
    /// back the file's exact bytes without reading it a second time.
    /// </summary>
    public static void Replace(SafeFile safeFile, string path, string? previousText, string newText)
    {
        UnixFileMode mode = previousText is not null ? File.GetUnixFileMode(path) : NewFileMode;
        if (previousText is not null)
        {
            safeFile.WriteAllBytes(path + ".bak", Utf8.GetBytes(previousText), mode);
        }

        safeFile.WriteAllBytes(path, Utf8.GetBytes(newText), mode);
    }

    private static string Shown(string defaultValue) => defaultValue.Length == 0 ? "empty" : defaultValue;

    private static string UnknownKeyMessage(string fullName)
    {
        int dot = fullName.IndexOf('.');
        if (dot <= 0 || dot == fullName.Length - 1)
        {
            string? nearest = KeySuggestions.ForKey("", fullName);
            return $"\"{fullName}\" is not of the form section.key" + (nearest is null ? "" : "; " + nearest);
        }

        string section = fullName[..dot];
        string name = fullName[(dot + 1)..];
        if (!ConfigSchema.IsSection(section))
        {
            string? hint = KeySuggestions.ForSection(section);
            return $"unknown section [{section}]" + (hint is null ? "" : "; " + hint);
        }

        string? suggestion = KeySuggestions.ForKey(section, name);
        return $"unknown key \"{name}\" in [{section}]" + (suggestion is null ? "" : "; " + suggestion);
    }
}
