using System.Text;
using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Configuration.Commands;

/// <summary>
/// "relaybox config set section.key value": edits one value in place (the owner's comments stay), checks the
/// whole resulting file, and only then replaces it atomically, keeping the previous version as "file.bak".
/// A file that would have errors is left untouched.
/// </summary>
public sealed class ConfigSet(SafeFile safeFile)
{
    /// <summary>Mode of a config file that did not exist yet: readable by the relaybox group, not by everyone.</summary>
    public const UnixFileMode NewFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public static int Run(string path, string key, string value, TextWriter output) =>
        new ConfigSet(SafeFile.Default).Execute(path, key, value, output);

    public int Execute(string path, string key, string value, TextWriter output)
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
        try
        {
            document.Set(known.Section, known.Name, value);
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

        byte[] previous = exists ? File.ReadAllBytes(path) : [];
        UnixFileMode mode = exists ? File.GetUnixFileMode(path) : NewFileMode;
        if (exists)
        {
            safeFile.WriteAllBytes(path + ".bak", previous, mode);
        }

        safeFile.WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(document.ToString()), mode);
        output.WriteLine($"{path}: {known.FullName} = {value}" + (exists ? $" (previous file kept as {path}.bak)" : ""));
        return ConfigCheck.ExitOk;
    }

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
