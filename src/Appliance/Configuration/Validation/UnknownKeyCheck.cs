using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Configuration.Validation;

/// <summary>
/// Unknown sections and keys are errors, never silently ignored: a misspelt key would otherwise leave a default
/// in force that the owner believes changed (the tutorials' smtp_sasl_auth_enable for smtpd_sasl_auth_enable).
/// </summary>
internal static class UnknownKeyCheck
{
    public static void Run(IniDocument document, List<ConfigDiagnostic> diagnostics)
    {
        foreach (IniLine header in document.SectionHeaders)
        {
            if (!ConfigSchema.IsSection(header.Section))
            {
                string? hint = KeySuggestions.ForSection(header.Section);
                diagnostics.Add(ConfigDiagnostic.Error(document.FileName, header.Number,
                    $"unknown section [{header.Section}]" + (hint is null ? "" : "; " + hint)));
            }
        }

        foreach (IniLine entry in document.Entries)
        {
            if (entry.Section.Length == 0)
            {
                string? hint = KeySuggestions.ForKey("", entry.Key);
                diagnostics.Add(ConfigDiagnostic.Error(document.FileName, entry.Number,
                    $"key \"{entry.Key}\" is outside any section" + (hint is null ? "" : "; " + hint)));
            }
            else if (ConfigSchema.IsSection(entry.Section) && ConfigSchema.Find(entry.Section, entry.Key) is null)
            {
                string? hint = KeySuggestions.ForKey(entry.Section, entry.Key);
                diagnostics.Add(ConfigDiagnostic.Error(document.FileName, entry.Number,
                    $"unknown key \"{entry.Key}\" in [{entry.Section}]" + (hint is null ? "" : "; " + hint)));
            }
        }
    }
}
