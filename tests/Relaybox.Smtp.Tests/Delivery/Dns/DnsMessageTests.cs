using System.Net;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

public sealed class DnsMessageTests
{
    [Fact]
    public void AQueryEncodesToTheRfc1035Layout()
    {
        var wire = DnsMessage.Query(0xBEEF, "Example.TEST.", DnsRecordType.Mx).Encode();

        byte[] expected =
        [
            0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, // id, RD, one question
            7, (byte)'E', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e',
            4, (byte)'T', (byte)'E', (byte)'S', (byte)'T', 0,
            0, 15, 0, 1, // MX, IN
        ];
        Assert.Equal(expected, wire);
    }

    [Fact]
    public void AResponseWithEveryRecordTypeSurvivesARoundTrip()
    {
        var original = new DnsMessage(
            new DnsHeader(42, true, 0, true, false, true, true, DnsResponseCode.NoError),
            [new DnsQuestion("mail.test", DnsRecordType.Mx)],
            [
                DnsRecord.ForCname("mail.test", "real.test", 60),
                DnsRecord.ForMx("real.test", 10, "mx1.real.test", 61),
                DnsRecord.ForMx("real.test", 0, "", 62),
            ],
            [DnsRecord.ForAddress("mx1.real.test", IPAddress.Parse("192.0.2.1"), 63)],
            [DnsRecord.ForAddress("mx1.real.test", IPAddress.Parse("2001:db8::1"), 64)]);

        var error = DnsMessage.TryDecode(original.Encode(), out var decoded);

        Assert.Equal(DnsDecodeError.None, error);
        Assert.Equal(original.Header, decoded!.Header);
        Assert.Equal(original.Questions, decoded.Questions);
        Assert.Equal(original.Answers, decoded.Answers);
        Assert.Equal(original.Authorities, decoded.Authorities);
        Assert.Equal(original.Additionals, decoded.Additionals);
    }

    [Theory]
    [InlineData(DnsResponseCode.NameError)]
    [InlineData(DnsResponseCode.ServerFailure)]
    [InlineData(DnsResponseCode.Refused)]
    public void TheHeaderFlagsAndResponseCodeRoundTrip(DnsResponseCode code)
    {
        var header = new DnsHeader(7, true, 2, false, true, false, true, code);
        var message = new DnsMessage(header, [], [], [], []);

        DnsMessage.TryDecode(message.Encode(), out var decoded);

        Assert.Equal(header, decoded!.Header);
    }

    [Fact]
    public void RecordsOfOtherTypesAreSkippedAndTheRestStillRead()
    {
        var wire = new DnsWireBuilder()
            .Header(id: 1, flags: 0x8180, questions: 0, answers: 3)
            .Name("a.test").UInt16(16).UInt16(1).UInt32(5).UInt16(4).Bytes(3, (byte)'a', (byte)'b', (byte)'c') // TXT
            .Name("a.test").UInt16(1).UInt16(3).UInt32(5).UInt16(4).Bytes(1, 2, 3, 4) // A in class CHAOS
            .Name("a.test").UInt16(1).UInt16(1).UInt32(5).UInt16(4).Bytes(192, 0, 2, 9)
            .ToArray();

        Assert.Equal(DnsDecodeError.None, DnsMessage.TryDecode(wire, out var message));

        var only = Assert.Single(message!.Answers);
        Assert.Equal(IPAddress.Parse("192.0.2.9"), only.Address);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(1, 5)]
    [InlineData(28, 4)]
    public void AnAddressOfTheWrongLengthIsBadRecordData(ushort type, int length)
    {
        var wire = new DnsWireBuilder()
            .Header(id: 1, flags: 0x8180, questions: 0, answers: 1)
            .Name("a.test").UInt16(type).UInt16(1).UInt32(5).UInt16((ushort)length).Bytes(new byte[length])
            .ToArray();

        Assert.Equal(DnsDecodeError.BadRecordData, DnsMessage.TryDecode(wire, out var message));
        Assert.Null(message);
    }

    [Fact]
    public void AnMxWhoseNameOverrunsItsRdataIsBadRecordData()
    {
        var wire = new DnsWireBuilder()
            .Header(id: 1, flags: 0x8180, questions: 0, answers: 1)
            .Name("a.test").UInt16(15).UInt16(1).UInt32(5).UInt16(4).UInt16(10).Name("mx.test") // says 4, is 11
            .ToArray();

        Assert.NotEqual(DnsDecodeError.None, DnsMessage.TryDecode(wire, out _));
    }

    [Fact]
    public void AHeaderThatPromisesMoreRecordsThanTheMessageHoldsIsTruncated()
    {
        var wire = new DnsWireBuilder().Header(id: 1, flags: 0x8180, questions: 0, answers: 65535).ToArray();

        Assert.Equal(DnsDecodeError.Truncated, DnsMessage.TryDecode(wire, out _));
    }

    [Fact]
    public void EveryPrefixOfAValidResponseIsAnErrorNotACrash()
    {
        var wire = SampleResponse();
        Assert.Equal(DnsDecodeError.None, DnsMessage.TryDecode(wire, out _));

        for (int length = 0; length < wire.Length; length++)
        {
            Assert.Equal(DnsDecodeError.Truncated, DnsMessage.TryDecode(wire.AsSpan(0, length), out var message));
            Assert.Null(message);
        }
    }

    internal static byte[] SampleResponse() => new DnsMessage(
        new DnsHeader(9, true, 0, false, false, true, true, DnsResponseCode.NoError),
        [new DnsQuestion("example.test", DnsRecordType.Mx)],
        [DnsRecord.ForCname("example.test", "mail.example.test"), DnsRecord.ForMx("mail.example.test", 10, "mx.example.test")],
        [],
        [
            DnsRecord.ForAddress("mx.example.test", IPAddress.Parse("192.0.2.1")),
            DnsRecord.ForAddress("mx.example.test", IPAddress.Parse("2001:db8::1")),
        ]).Encode();
}
