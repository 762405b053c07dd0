using System.Buffers;
using System.Text;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Tests.Delivery.Client;

public sealed class DotStufferTests
{
    private static string Encode(string content, int? splitAt = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        var output = new ArrayBufferWriter<byte>();
        var stuffer = new DotStuffer();
        int split = splitAt ?? bytes.Length;
        stuffer.Write(bytes.AsSpan(0, split), output);
        stuffer.Write(bytes.AsSpan(split), output);
        stuffer.Finish(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "Subject: x\r\n\r\nbody\r\n", "Subject: x\r\n\r\nbody\r\n.\r\n" },
        { "a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n" },
        { "..x\r\n", "...x\r\n.\r\n" },
        { ".", "..\r\n.\r\n" },
        { "no final line end", "no final line end\r\n.\r\n" },
        { "", ".\r\n" },
        { "a.b\r\n x.\r\n", "a.b\r\n x.\r\n.\r\n" },
        { "bare\nlf\n", "bare\r\nlf\r\n.\r\n" },
        { "bare\rcr\r", "bare\r\ncr\r\n.\r\n" },
        { "a\n.b\r\n", "a\r\n..b\r\n.\r\n" },
        { "a\r.b", "a\r\n..b\r\n.\r\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ContentBecomesTheDataStreamOfRfc5321(string content, string wire)
    {
        Assert.Equal(wire, Encode(content));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SplittingTheContentAnywhereChangesNothing(string content, string wire)
    {
        for (int split = 0; split <= Encoding.UTF8.GetByteCount(content); split++)
        {
            Assert.Equal(wire, Encode(content, split));
        }
    }

    [Fact]
    public void CrlfContentWithoutLeadingDotsIsCopiedUnchanged()
    {
        string content = "From: a@b\r\nTo: c@d\r\n\r\n" + string.Concat(Enumerable.Repeat("line of text\r\n", 500));

        Assert.Equal(content + ".\r\n", Encode(content));
    }
}
