using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Ini;

namespace Relaybox.Appliance.Tests.Configuration;

public class IniDocumentTests
{
    [Theory]
    [InlineData("[server]\nhostname = a.example   ; note\n\n# comment\n")]
    [InlineData("[server]\r\nhostname=a.example\r\n;c\r\n")]
    [InlineData("[server]\nhostname = a.example")]
    [InlineData("\uFEFF[server]\n  hostname   =   \"spaced value\"   # c\n")]
    [InlineData("garbage line\n[server\n= x\n")]
    [InlineData("")]
    [InlineData("\n\n\n")]
    public void UnchangedDocumentSerialisesToTheSameText(string text)
    {
        Assert.Equal(text, IniDocument.Parse(text, "t.ini").ToString());
    }

    [Fact]
    public void DesignExampleRoundTripsByteForByte()
    {
        string text = ConfigTestFiles.DesignExample();
        Assert.Equal(text, IniDocument.Parse(text, "relaybox.ini").ToString());
    }

    [Fact]
    public void ValuesAreTrimmedAndTrailingCommentsRemoved()
    {
        var document = IniDocument.Parse("[server]\nhostname =   relay.home.arpa            ; banner\n", "t.ini");
        Assert.Equal("relay.home.arpa", document.GetValue("server", "hostname"));
    }

    [Fact]
    public void QuotedValueKeepsItsInnerTextIncludingCommentCharacters()
    {
        var document = IniDocument.Parse("[a]\nk = \"  x ; y # z  \"   ; real comment\n", "t.ini");
        Assert.Equal("  x ; y # z  ", document.GetValue("a", "k"));
    }

    [Fact]
    public void SemicolonWithoutWhitespaceBeforeItIsPartOfTheValue()
    {
        var document = IniDocument.Parse("[a]\nk = ab;cd#ef\n", "t.ini");
        Assert.Equal("ab;cd#ef", document.GetValue("a", "k"));
    }

    [Fact]
    public void EmptyValueBeforeACommentIsEmpty()
    {
        var document = IniDocument.Parse("[relay]\ntls_ca_file =          ; default: system CAs\n", "t.ini");
        Assert.Equal("", document.GetValue("relay", "tls_ca_file"));
    }

    [Fact]
    public void SectionsAndKeysMatchCaseInsensitively()
    {
        var document = IniDocument.Parse("[Server]\nHostName = x.example\n", "t.ini");
        Assert.Equal("x.example", document.GetValue("server", "hostname"));
        Assert.True(document.HasSection("SERVER"));
    }

    [Fact]
    public void SectionHeaderMayCarryATrailingComment()
    {
        var document = IniDocument.Parse("[listen]     ; address:port; empty = off\nsmtp = *:25\n", "t.ini");
        Assert.Empty(document.Check());
        Assert.Equal("*:25", document.GetValue("listen", "smtp"));
    }

    [Theory]
    [InlineData("[a]\njust words\n", 2, "expected \"key = value\"")]
    [InlineData("[a]\nk = 1\n[b\n", 3, "closing ']'")]
    [InlineData("[a]\n = 1\n", 2, "missing key")]
    [InlineData("[a]\nk = \"open\n", 2, "no closing one")]
    [InlineData("[a]\nk = \"v\" trailing\n", 2, "text after the closing")]
    [InlineData("[]\n", 1, "empty section name")]
    [InlineData("[a] junk\n", 1, "text after the section header")]
    public void MalformedLineIsAnErrorWithItsLineNumber(string text, int line, string fragment)
    {
        ConfigDiagnostic error = Assert.Single(IniDocument.Parse(text, "t.ini").Check());
        Assert.Equal(ConfigSeverity.Error, error.Severity);
        Assert.Equal(line, error.Line);
        Assert.Contains(fragment, error.Message);
        Assert.StartsWith($"t.ini:{line}: error: ", error.ToString());
    }

    [Fact]
    public void DuplicateKeyNamesBothLines()
    {
        ConfigDiagnostic error = Assert.Single(IniDocument.Parse("[a]\nk = 1\n\nK = 2\n", "t.ini").Check());
        Assert.Equal(4, error.Line);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void DuplicateSectionNamesBothLines()
    {
        ConfigDiagnostic error = Assert.Single(IniDocument.Parse("[a]\nk = 1\n[b]\n[A]\nj = 2\n", "t.ini").Check());
        Assert.Equal(4, error.Line);
        Assert.Contains("[A]", error.Message);
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void KeyRepeatedInARepeatedSectionIsAlsoADuplicate()
    {
        var errors = IniDocument.Parse("[a]\nk = 1\n[a]\nk = 2\n", "t.ini").Check();
        Assert.Contains(errors, e => e.Line == 4 && e.Message.Contains("line 2"));
    }

    [Fact]
    public void SetReplacesTheValueAndKeepsTheInlineCommentInItsColumn()
    {
        const string text = "[server]\nhostname = relay.home.arpa            ; banner, Received\nx = 1\n";
        var document = IniDocument.Parse(text, "t.ini");
        document.Set("server", "hostname", "mx.example");

        string changed = document.ToString();
        Assert.Equal("[server]\nhostname = mx.example" + new string(' ', 17) + "; banner, Received\nx = 1\n", changed);
        Assert.Equal(text.IndexOf("; banner", StringComparison.Ordinal), changed.IndexOf("; banner", StringComparison.Ordinal));
    }

    [Fact]
    public void SetWithALongerValueStillLeavesASpaceBeforeTheComment()
    {
        var document = IniDocument.Parse("[a]\nk = v ; c\n", "t.ini");
        document.Set("a", "k", "a-much-longer-value");
        Assert.Equal("[a]\nk = a-much-longer-value ; c\n", document.ToString());
    }

    [Fact]
    public void SetKeepsWholeLineCommentsAndBlankLines()
    {
        const string text = "# owner's header\n[tls]\n; why we do this\nauth_only = yes\n\n[auth]\n";
        var document = IniDocument.Parse(text, "t.ini");
        document.Set("tls", "auth_only", "no");
        Assert.Equal("# owner's header\n[tls]\n; why we do this\nauth_only = no\n\n[auth]\n", document.ToString());
    }

    [Fact]
    public void SetOnAnEmptyValueWritesItAfterTheEqualsSign()
    {
        var document = IniDocument.Parse("[relay]\ntls_ca_file =                 ; private CA\n", "t.ini");
        document.Set("relay", "tls_ca_file", "/etc/ca.pem");
        Assert.Equal("[relay]\ntls_ca_file = /etc/ca.pem     ; private CA\n", document.ToString());
        Assert.Equal("/etc/ca.pem", document.GetValue("relay", "tls_ca_file"));
    }

    [Fact]
    public void SetOfAnAbsentKeyAppendsItAfterTheLastKeyOfItsSection()
    {
        var document = IniDocument.Parse("[a]\nx = 1\n; trailing note\n\n[b]\ny = 2\n", "t.ini");
        document.Set("a", "z", "3");
        Assert.Equal("[a]\nx = 1\nz = 3\n; trailing note\n\n[b]\ny = 2\n", document.ToString());
    }

    [Fact]
    public void SetOfAKeyInAnAbsentSectionAppendsTheSection()
    {
        var document = IniDocument.Parse("[a]\nx = 1", "t.ini");
        document.Set("gpio", "led_status", "GPIO5");
        Assert.Equal("[a]\nx = 1\n\n[gpio]\nled_status = GPIO5\n", document.ToString());
        Assert.Equal("GPIO5", document.GetValue("gpio", "led_status"));
    }

    [Fact]
    public void SetKeepsTheFilesLineEndings()
    {
        var document = IniDocument.Parse("[a]\r\nx = 1\r\n", "t.ini");
        document.Set("a", "y", "2");
        Assert.Equal("[a]\r\nx = 1\r\ny = 2\r\n", document.ToString());
    }

    [Theory]
    [InlineData("  padded  ")]
    [InlineData("a ; b")]
    [InlineData("# starts like a comment")]
    [InlineData("")]
    [InlineData("plain")]
    public void SetQuotesWhereNeededSoTheValueReadsBackUnchanged(string value)
    {
        var document = IniDocument.Parse("[a]\nk = old\n", "t.ini");
        document.Set("a", "k", value);
        var reparsed = IniDocument.Parse(document.ToString(), "t.ini");
        Assert.Empty(reparsed.Check());
        Assert.Equal(value, reparsed.GetValue("a", "k"));
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData(" \"quoted and padded\" ")]
    public void SetRefusesAValueNoLineCanHold(string value)
    {
        var document = IniDocument.Parse("[a]\nk = old\n", "t.ini");
        Assert.Throws<ArgumentException>(() => document.Set("a", "k", value));
        Assert.Equal("[a]\nk = old\n", document.ToString());
    }

    [Fact]
    public void RemoveDeletesOnlyThatLineAndRenumbers()
    {
        var document = IniDocument.Parse("[a]\nx = 1 ; c\ny = 2\n", "t.ini");
        Assert.True(document.Remove("a", "x"));
        Assert.False(document.Remove("a", "x"));
        Assert.Equal("[a]\ny = 2\n", document.ToString());
        Assert.Equal(2, document.Find("a", "y")!.Number);
    }

    [Fact]
    public void LinesAfterAnInsertionAreRenumbered()
    {
        var document = IniDocument.Parse("[a]\nx = 1\n[b]\ny = 2\n", "t.ini");
        document.Set("a", "z", "3");
        Assert.Equal(5, document.Find("b", "y")!.Number);
    }
}
