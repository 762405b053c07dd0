using Relaybox.Appliance.Configuration.Commands;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Tests.Configuration;

public class ConfigReferenceTests
{
    private const string Begin = "<!-- BEGIN GENERATED REFERENCE -->\n";
    private const string End = "<!-- END GENERATED REFERENCE -->";

    [Fact]
    public void ReferenceListsEveryKeyWithItsDefault()
    {
        string reference = ConfigReference.Text();
        foreach (ConfigKey key in ConfigSchema.Keys)
        {
            string defaultText = key.Default.Length == 0 ? "(empty)" : $"`{key.Default}`";
            Assert.Contains($"| `{key.Name}` | {defaultText} |", reference);
        }
    }

    [Fact]
    public void OperatorReadmeEmbedsTheCurrentReference()
    {
        string readme = File.ReadAllText(ReadmePath()).ReplaceLineEndings("\n");
        int start = readme.IndexOf(Begin, StringComparison.Ordinal);
        int end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the generated-reference markers");
        Assert.Equal(ConfigReference.Text(), readme[(start + Begin.Length)..end]);
    }

    [Fact]
    public void SchemaHasNoDuplicateKeysAndEverySectionIsListed()
    {
        Assert.Equal(ConfigSchema.Keys.Count, ConfigSchema.Keys.Select(k => k.FullName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ConfigSchema.Keys, k => Assert.Contains(k.Section, ConfigSchema.Sections));
    }

    private static string ReadmePath() => ConfigTestFiles.SourceFile("src/Appliance/Configuration/README.md");
}
