using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>Name compression (RFC 1035 4.1.4) from hostile servers: pointers must go backwards, names stay short.</summary>
public sealed class DnsNameCompressionTests
{
    [Fact]
    public void ABackwardPointerCompletesANameFromAnEarlierOne()
    {
        var builder = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 1, answers: 1);
        int questionName = builder.Length;
        builder.Name("example.test").UInt16(15).UInt16(1);
        builder.Pointer(questionName).UInt16(15).UInt16(1).UInt32(60).UInt16(2 + 5 + 2)
            .UInt16(10).Labels("mail").Pointer(questionName);

        Assert.Equal(DnsDecodeError.None, DnsMessage.TryDecode(builder.ToArray(), out var message));

        var mx = Assert.Single(message!.Answers);
        Assert.Equal("example.test", mx.Name);
        Assert.Equal("mail.example.test", mx.Target);
        Assert.Equal((ushort)10, mx.Preference);
    }

    [Fact]
    public void APointerToItselfIsRejected()
    {
        var builder = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 1);
        builder.Pointer(builder.Length).UInt16(1).UInt16(1);

        Assert.Equal(DnsDecodeError.PointerNotBackwards, DnsMessage.TryDecode(builder.ToArray(), out _));
    }

    [Fact]
    public void AForwardPointerIsRejected()
    {
        var builder = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 1);
        int start = builder.Length;
        builder.Pointer(start + 6).UInt16(1).UInt16(1).Name("later.test");

        Assert.Equal(DnsDecodeError.PointerNotBackwards, DnsMessage.TryDecode(builder.ToArray(), out _));
    }

    [Fact]
    public void TwoPointersThatPointAtEachOtherAreRejectedNotFollowedForever()
    {
        // The answer's owner points back to the question name, which is a label followed by a pointer forward to
        // the answer's owner: a loop only a backwards-only rule breaks.
        var builder = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 1, answers: 1);
        int question = builder.Length;
        builder.Labels("loop").Pointer(question + 5 + 2 + 4).UInt16(1).UInt16(1);
        builder.Pointer(question).UInt16(1).UInt16(1).UInt32(1).UInt16(4).Bytes(1, 2, 3, 4);

        Assert.Equal(DnsDecodeError.PointerNotBackwards, DnsMessage.TryDecode(builder.ToArray(), out _));
    }

    [Fact]
    public void APointerBeyondTheEndOfTheMessageIsRejected()
    {
        var wire = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 1).Pointer(0x3FFF).UInt16(1).UInt16(1)
            .ToArray();

        Assert.NotEqual(DnsDecodeError.None, DnsMessage.TryDecode(wire, out _));
    }

    [Fact]
    public void APointerCutInHalfIsTruncated()
    {
        var wire = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 1).Bytes(0xC0).ToArray();

        Assert.Equal(DnsDecodeError.Truncated, DnsMessage.TryDecode(wire, out _));
    }

    [Fact]
    public void ANameLongerThan255OctetsThroughChainedPointersIsRejected()
    {
        // Each question adds a 60-octet label and points back to the previous question's name: 61, 122, 183, 244
        // octets plus the root are fine, the fifth (305 + 1) is over the limit of RFC 1035 2.3.4.
        var label = new string('x', 60);
        var builder = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 5);
        int previous = builder.Length;
        builder.Name(label).UInt16(1).UInt16(1);
        for (int i = 0; i < 4; i++)
        {
            int here = builder.Length;
            builder.Labels(label).Pointer(previous).UInt16(1).UInt16(1);
            previous = here;
        }

        Assert.Equal(DnsDecodeError.NameTooLong, DnsMessage.TryDecode(builder.ToArray(), out _));

        // The same chain one step shorter is a valid message.
        var shorter = builder.ToArray();
        shorter[5] = 4;
        Assert.Equal(DnsDecodeError.None, DnsMessage.TryDecode(shorter, out var message));
        Assert.Equal(4 * 61 + 1 - 2, message!.Questions[3].Name.Length);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x80)]
    public void ExtendedAndReservedLabelTypesAreRejected(byte lengthOctet)
    {
        var wire = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 1).Bytes(lengthOctet, 0, 0, 1, 0, 1)
            .ToArray();

        Assert.Equal(DnsDecodeError.UnsupportedLabelType, DnsMessage.TryDecode(wire, out _));
    }

    [Fact]
    public void DotsAndControlOctetsInsideALabelAreEscapedSoTheyCannotForgeLabels()
    {
        var wire = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 1)
            .Bytes(5, (byte)'a', (byte)'.', (byte)'b', 10, (byte)'\\').Name("test").UInt16(1).UInt16(1).ToArray();

        Assert.Equal(DnsDecodeError.None, DnsMessage.TryDecode(wire, out var message));

        Assert.Equal(@"a\046b\010\092.test", message!.Questions[0].Name);
    }
}
