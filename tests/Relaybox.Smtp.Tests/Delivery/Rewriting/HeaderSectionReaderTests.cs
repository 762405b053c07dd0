using System.Text;
using Relaybox.Smtp.Delivery.Rewriting;
using Relaybox.Smtp.Tests.Delivery.Client;

namespace Relaybox.Smtp.Tests.Delivery.Rewriting;

public sealed class HeaderSectionReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task FoldedFieldIsOneFieldWithItsContinuationLines(int chunk)
    {
        var section = await RewriteHarness.ReadSectionAsync("Subject: a long\r\n\tsubject line\r\n  more\r\nTo: x@y\r\n\r\nbody\r\n", chunk);

        Assert.NotNull(section);
        Assert.Equal(["Subject", "To"], section.Fields.Select(f => f.Name));
        Assert.Equal("Subject: a long\r\n\tsubject line\r\n  more\r\n", Encoding.ASCII.GetString(section.Fields[0].Raw.Span));
        Assert.Equal("a long\tsubject line  more", section.Fields[0].UnfoldedValue());
        Assert.Equal(HeaderSectionEnd.EmptyLine, section.End);
    }

    [Fact]
    public async Task SectionStopsAtFirstEmptyLineAndRestIsTheBody()
    {
        const string message = "From: a@b\r\n\r\nNot-A-Header: in the body\r\n\r\nmore\r\n";
        var read = await HeaderSectionReader.ReadAsync(new ChunkedStream(Encoding.ASCII.GetBytes(message), 2));

        Assert.NotNull(read.Section);
        Assert.Single(read.Section.Fields);
        Assert.Equal("From: a@b\r\n\r\n".Length, read.Section.Length);
        using var rest = new StreamReader(read.Rest);
        Assert.Equal("Not-A-Header: in the body\r\n\r\nmore\r\n", await rest.ReadToEndAsync());
    }

    [Fact]
    public async Task LineThatIsNotAFieldEndsTheSectionWithoutSeparator()
    {
        var section = await RewriteHarness.ReadSectionAsync("Subject: hi\r\nthis is the body\r\n");

        Assert.NotNull(section);
        Assert.Equal(HeaderSectionEnd.BodyWithoutSeparator, section.End);
        Assert.Equal("Subject: hi\r\n".Length, section.Length);
    }

    [Fact]
    public async Task ContentThatEndsInsideTheHeaderHasNoBody()
    {
        var section = await RewriteHarness.ReadSectionAsync("Subject: hi\r\nTo: x@y");

        Assert.NotNull(section);
        Assert.Equal(HeaderSectionEnd.EndOfContent, section.End);
        Assert.Equal(2, section.Fields.Count);
        Assert.False(section.Fields[1].EndsWithLineEnd);
    }

    [Fact]
    public async Task WhiteSpaceBeforeTheColonStillNamesAField()
    {
        var section = await RewriteHarness.ReadSectionAsync("Subject : old style\r\n\r\n");

        Assert.NotNull(section);
        Assert.Equal("Subject", section.Fields[0].Name);
        Assert.Equal("old style", section.Fields[0].UnfoldedValue());
    }

    [Fact]
    public async Task OversizedHeaderIsReportedAndReplayedUntouched()
    {
        var header = new StringBuilder();
        while (header.Length < 3000)
        {
            header.Append("X-Filler: ").Append('x', 60).Append("\r\n");
        }

        var message = Encoding.ASCII.GetBytes(header + "\r\nbody\r\n");
        var read = await HeaderSectionReader.ReadAsync(new ChunkedStream(message, 5), maxHeaderOctets: 1024);

        Assert.True(read.IsOversized);
        using var copy = new MemoryStream();
        await read.Rest.CopyToAsync(copy);
        Assert.Equal(message, copy.ToArray());
    }

    [Fact]
    public async Task HeaderExactlyAtTheLimitIsStillParsed()
    {
        const string message = "A: 1\r\n\r\n";
        var section = await RewriteHarness.ReadSectionAsync(message + "body", chunk: 1, max: message.Length);

        Assert.NotNull(section);
        Assert.Equal(message.Length, section.Length);
    }
}
