using System.Text;
using Relaybox.Smtp.Delivery.Bounces;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

public class MimeTextTests
{
    [Fact]
    public void DatesUseRfc5322FormWithTheNumericOffset()
    {
        Assert.Equal("Tue, 03 Mar 2026 07:05:09 +0000", MimeText.FormatDate(new DateTimeOffset(2026, 3, 3, 7, 5, 9, TimeSpan.Zero)));
        Assert.Equal("Tue, 03 Mar 2026 07:05:09 -0530", MimeText.FormatDate(new DateTimeOffset(2026, 3, 3, 7, 5, 9, new TimeSpan(-5, -30, 0))));
        Assert.Equal("Tue, 03 Mar 2026 07:05:09 +0100", MimeText.FormatDate(new DateTimeOffset(2026, 3, 3, 7, 5, 9, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void QuotedPrintableEncodesEqualsNonAsciiAndTrailingSpace()
    {
        string encoded = MimeText.QuotedPrintable("a=b ü \r\nend");

        Assert.Equal("a=3Db =C3=BC=20\r\nend", encoded);
    }

    [Fact]
    public void QuotedPrintableLinesStayWithin76CharactersUsingSoftBreaks()
    {
        string longLine = string.Concat(Enumerable.Repeat("é", 100));

        string encoded = MimeText.QuotedPrintable(longLine);

        string[] lines = encoded.Split("\r\n");
        Assert.True(lines.Length > 1);
        Assert.All(lines, line => Assert.True(line.Length <= 76, line));
        Assert.All(lines[..^1], line => Assert.EndsWith("=", line, StringComparison.Ordinal));
        Assert.Equal(longLine, DecodeQuotedPrintable(encoded));
    }

    [Fact]
    public void AFieldIsFoldedAtSpacesAndControlsBecomeSpaces()
    {
        var output = new StringBuilder();

        MimeText.AppendField(output, "Diagnostic-Code", "smtp; 550 " + string.Join(' ', Enumerable.Repeat("word", 30)) + "\r\nEvil: yes");

        string text = output.ToString();
        Assert.All(text.Split("\r\n")[..^1], line => Assert.True(line.Length <= 78, line));
        Assert.DoesNotContain("\r\nEvil", text, StringComparison.Ordinal);
        Assert.Equal("Diagnostic-Code: smtp; 550 " + string.Join(' ', Enumerable.Repeat("word", 30)) + "  Evil: yes", text.Replace("\r\n ", " ", StringComparison.Ordinal).TrimEnd());
    }

    private static string DecodeQuotedPrintable(string encoded)
    {
        string joined = encoded.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        var octets = new List<byte>();
        for (int i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=')
            {
                octets.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                octets.Add((byte)joined[i]);
            }
        }

        return Encoding.UTF8.GetString([.. octets]);
    }
}
