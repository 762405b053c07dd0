using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Configuration.Values;

namespace Relaybox.Appliance.Configuration.Commands;

/// <summary>
/// "relaybox config show": like "postconf -n", only the values that differ from the defaults, as
/// "section.key = value". It prints what the INI file says and never opens the files it names, so the
/// relayhost password in sasl_password_file cannot reach the screen.
/// </summary>
public static class ConfigShow
{
    /// <returns>0, or 1 when the file cannot be read or has errors (they are printed instead).</returns>
    public static int Run(string path, TextWriter output)
    {
        if (!ConfigLoader.TryReadText(path, out string text, out string? problem))
        {
            output.WriteLine(ConfigDiagnostic.Error(path, 0, problem!).ToString());
            return ConfigCheck.ExitInvalid;
        }

        IniDocument document = IniDocument.Parse(text, path);
        ConfigLoadResult result = ConfigLoader.Check(document);
        if (result.HasErrors)
        {
            foreach (ConfigDiagnostic error in result.Errors)
            {
                output.WriteLine(error.ToString());
            }

            output.WriteLine($"{path}: fix these errors first (relaybox config check)");
            return ConfigCheck.ExitInvalid;
        }

        foreach (ConfigKey key in ConfigSchema.Keys)
        {
            string? value = document.GetValue(key.Section, key.Name);
            if (value is not null && !ConfigValueEquality.SameAsDefault(key, value, result.Config!.Server.DataDir))
            {
                output.WriteLine($"{key.FullName} = {value}");
            }
        }

        if (document.HasSection(ConfigSchema.GpioSection))
        {
            // [gpio] matters by its presence alone (absent = no LEDs, no button), even when every key is default.
            output.WriteLine("# [gpio] is present: LEDs and button enabled");
        }

        return ConfigCheck.ExitOk;
    }
}
