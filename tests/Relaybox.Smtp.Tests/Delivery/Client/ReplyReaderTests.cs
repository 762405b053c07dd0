using System.Text;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Tests.Delivery.Client;

public sealed class ReplyReaderTests
{
    private static ReplyReader Reader(string wire, int chunk = 4096) => new(new ChunkedStream(Encoding.UTF8.GetBytes(wire), chunk));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task MultilineReplyIsReadWholeWhateverTheChunking(int chunk)
    {
        var reader = Reader("250-mx.example Hello\r\n250-PIPELINING\r\n250 SIZE 1000\r\n", chunk);

        UpstreamReply reply = await reader.ReadAsync(default);

        Assert.Equal(250, reply.Code);
        Assert.Equal(["mx.example Hello", "PIPELINING", "SIZE 1000"], reply.Lines);
        Assert.False(reader.HasBufferedData);
    }

    [Fact]
    public async Task PipelinedRepliesInOneReadComeOutOneByOne()
    {
        var reader = Reader("250 2.1.0 ok\r\n550 5.1.1 no such user\r\n354 go\r\n");

        UpstreamReply mail = await reader.ReadAsync(default);
        Assert.True(reader.HasBufferedData);
        UpstreamReply rcpt = await reader.ReadAsync(default);
        UpstreamReply data = await reader.ReadAsync(default);

        Assert.Equal((250, "2.1.0"), (mail.Code, mail.EnhancedCode));
        Assert.Equal((550, "5.1.1", "5.1.1 no such user"), (rcpt.Code, rcpt.EnhancedCode, rcpt.Text));
        Assert.Equal((354, (string?)null), (data.Code, data.EnhancedCode));
    }

    [Fact]
    public async Task BareCodeWithoutTextIsACompleteReply()
    {
        UpstreamReply reply = await Reader("250\r\n").ReadAsync(default);

        Assert.Equal(250, reply.Code);
        Assert.Equal([string.Empty], reply.Lines);
    }

    [Fact]
    public async Task BareLfEndsALineToo()
    {
        UpstreamReply reply = await Reader("220 hi\n").ReadAsync(default);

        Assert.Equal("hi", reply.Text);
    }

    [Fact]
    public async Task EnhancedCodeOfTheWrongClassIsPlainText()
    {
        UpstreamReply reply = await Reader("550 4.1.1 odd\r\n").ReadAsync(default);

        Assert.Null(reply.EnhancedCode);
    }

    [Theory]
    [InlineData("hello\r\n")]
    [InlineData("25\r\n")]
    [InlineData("650 no such class\r\n")]
    [InlineData("250_ok\r\n")]
    [InlineData("250-one\r\n251 two\r\n")]
    public async Task MalformedReplyIsAProtocolViolation(string wire)
    {
        await Assert.ThrowsAsync<UpstreamProtocolException>(() => Reader(wire).ReadAsync(default).AsTask());
    }

    [Fact]
    public async Task OverlongLineIsAProtocolViolationNotAnEndlessBuffer()
    {
        string wire = "250 " + new string('x', ReplyReader.MaxLineLength) + "\r\n";

        var e = await Assert.ThrowsAsync<UpstreamProtocolException>(() => Reader(wire, 100).ReadAsync(default).AsTask());
        Assert.Contains("longer", e.Message);
    }

    [Fact]
    public async Task LineJustUnderTheLimitIsAccepted()
    {
        string text = new('x', ReplyReader.MaxLineLength - 4);

        UpstreamReply reply = await Reader("250 " + text + "\r\n", 100).ReadAsync(default);

        Assert.Equal(text, reply.Text);
    }

    [Fact]
    public async Task ReplyWithTooManyLinesIsAProtocolViolation()
    {
        string wire = string.Concat(Enumerable.Repeat("250-x\r\n", ReplyReader.MaxLines + 1)) + "250 end\r\n";

        await Assert.ThrowsAsync<UpstreamProtocolException>(() => Reader(wire).ReadAsync(default).AsTask());
    }

    [Fact]
    public async Task ConnectionClosedMidReplyIsAnIoError()
    {
        var e = await Assert.ThrowsAsync<IOException>(() => Reader("250-partial\r\n250 cut").ReadAsync(default).AsTask());
        Assert.IsNotType<UpstreamProtocolException>(e);
    }

    [Fact]
    public async Task RebindingWithBufferedPlaintextIsRefused()
    {
        var reader = Reader("220 go ahead\r\n250 injected\r\n");
        await reader.ReadAsync(default);

        Assert.Throws<UpstreamProtocolException>(() => reader.Rebind(new MemoryStream()));
    }
}
