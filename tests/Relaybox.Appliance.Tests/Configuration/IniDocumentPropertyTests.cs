using System.Text;
using Relaybox.Appliance.Configuration.Ini;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>Many generated documents, with fixed seeds so a failure replays: the round-trip and edit laws hold for all.</summary>
public class IniDocumentPropertyTests
{
    private const string Alphabet = "ab=[];#\" \t\r\n.,:/\\_-1é";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AnyTextSerialisesBackToItself(int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < 2000; i++)
        {
            string text = RandomText(random, random.Next(0, 80));
            Assert.Equal(text, IniDocument.Parse(text, "t.ini").ToString());
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void SetChangesOnlyTheValueItSets(int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < 500; i++)
        {
            var document = IniDocument.Parse(RandomWellFormedDocument(random), "t.ini");
            Assert.Empty(document.Check());

            var before = document.Entries.Select(e => (e.Section, e.Key, e.Value)).ToList();
            string section = "s" + random.Next(0, 4);
            string key = "k" + random.Next(0, 4);
            string value = RandomValue(random);
            document.Set(section, key, value);

            var reparsed = IniDocument.Parse(document.ToString(), "t.ini");
            Assert.Empty(reparsed.Check());
            Assert.Equal(value, reparsed.GetValue(section, key));
            foreach ((string s, string k, string v) in before.Where(e => !(e.Section == section && e.Key == key)))
            {
                Assert.Equal(v, reparsed.GetValue(s, k));
            }

            Assert.Equal(
                document.Lines.Count(l => l.Kind == IniLineKind.Comment),
                reparsed.Lines.Count(l => l.Kind == IniLineKind.Comment));
            Assert.Equal(
                document.Lines.Count(l => l.HasComment),
                reparsed.Lines.Count(l => l.HasComment));
        }
    }

    private static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomWellFormedDocument(Random random)
    {
        var builder = new StringBuilder();
        string newline = random.Next(2) == 0 ? "\n" : "\r\n";
        for (int s = 0; s < 4; s++)
        {
            if (random.Next(3) == 0)
            {
                builder.Append("; note ").Append(s).Append(newline);
            }

            builder.Append("[s").Append(s).Append(']').Append(random.Next(2) == 0 ? "   ; section note" : "").Append(newline);
            for (int k = 0; k < 4; k++)
            {
                if (random.Next(2) == 0)
                {
                    continue;
                }

                builder.Append('k').Append(k).Append(new string(' ', random.Next(0, 3))).Append('=')
                    .Append(new string(' ', random.Next(0, 3))).Append(FormattedValue(RandomValue(random)))
                    .Append(random.Next(2) == 0 ? new string(' ', random.Next(1, 12)) + "# why" : "")
                    .Append(newline);
            }
        }

        return builder.ToString();
    }

    private static string FormattedValue(string value)
    {
        Assert.True(IniValueText.TryFormat(value, out string text, out _));
        return text;
    }

    private static string RandomValue(Random random)
    {
        const string valueAlphabet = "ab ;#.:/,-";
        var builder = new StringBuilder();
        int length = random.Next(0, 10);
        for (int i = 0; i < length; i++)
        {
            builder.Append(valueAlphabet[random.Next(valueAlphabet.Length)]);
        }

        return builder.ToString();
    }
}
