using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Configuration.Values;

namespace Relaybox.Appliance.Configuration.Commands;

/// <summary>
/// The configuration reference (Markdown), generated from <see cref="ConfigSchema"/> so the documentation can never
/// disagree with the defaults in force. Configuration/README.md embeds this output; a test keeps them equal.
/// </summary>
public static class ConfigReference
{
    public static void Write(TextWriter output)
    {
        foreach (string section in ConfigSchema.Sections)
        {
            output.WriteLine($"### [{section}]");
            output.WriteLine();
            output.WriteLine("| key | default | accepted values | Postfix | meaning |");
            output.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (ConfigKey key in ConfigSchema.Keys.Where(k => k.Section == section))
            {
                string defaultText = key.Default.Length == 0 ? "(empty)" : $"`{key.Default}`";
                string postfix = key.PostfixName is null ? "" : $"`{key.PostfixName}`";
                output.WriteLine($"| `{key.Name}` | {defaultText} | {Escape(ValueForms.Describe(key))} | {postfix} | {Escape(key.Description)} |");
            }

            output.WriteLine();
        }
    }

    public static string Text()
    {
        var writer = new StringWriter { NewLine = "\n" };
        Write(writer);
        return writer.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
