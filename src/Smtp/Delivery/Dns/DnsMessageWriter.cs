using System.Buffers;
using System.Buffers.Binary;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>Encodes a message (RFC 1035 4.1) without name compression: queries are one name, and the test
/// servers that answer with this writer are clearer without it.</summary>
internal static class DnsMessageWriter
{
    public static byte[] Write(DnsMessage message)
    {
        var output = new ArrayBufferWriter<byte>(DnsMessage.MaxUdpSize);
        var header = output.GetSpan(DnsHeader.Size);
        BinaryPrimitives.WriteUInt16BigEndian(header, message.Header.Id);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], message.Header.Flags);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], CheckedCount(message.Questions.Count));
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], CheckedCount(message.Answers.Count));
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], CheckedCount(message.Authorities.Count));
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], CheckedCount(message.Additionals.Count));
        output.Advance(DnsHeader.Size);

        foreach (var question in message.Questions)
        {
            DnsName.Write(question.Name, output);
            WriteUInt16(output, (ushort)question.Type);
            WriteUInt16(output, question.Class);
        }

        foreach (var record in message.Answers.Concat(message.Authorities).Concat(message.Additionals))
        {
            WriteRecord(record, output);
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteRecord(DnsRecord record, ArrayBufferWriter<byte> output)
    {
        DnsName.Write(record.Name, output);
        WriteUInt16(output, (ushort)record.Type);
        WriteUInt16(output, DnsQuestion.ClassInternet);
        var ttl = output.GetSpan(4);
        BinaryPrimitives.WriteUInt32BigEndian(ttl, record.TimeToLive);
        output.Advance(4);

        var data = new ArrayBufferWriter<byte>(64);
        switch (record.Type)
        {
            case DnsRecordType.A:
            case DnsRecordType.Aaaa:
                var address = record.Address ?? throw new ArgumentException("an address record needs an address");
                int length = address.GetAddressBytes().Length;
                if (length != (record.Type == DnsRecordType.A ? 4 : 16))
                {
                    throw new ArgumentException($"address {address} does not fit a {record.Type} record");
                }

                data.Write(address.GetAddressBytes());
                break;
            case DnsRecordType.Mx:
                WriteUInt16(data, record.Preference);
                DnsName.Write(record.Target ?? "", data);
                break;
            case DnsRecordType.Cname:
                DnsName.Write(record.Target ?? throw new ArgumentException("a CNAME needs a target"), data);
                break;
            default:
                throw new ArgumentException($"cannot encode record type {(ushort)record.Type}");
        }

        WriteUInt16(output, (ushort)data.WrittenCount);
        output.Write(data.WrittenSpan);
    }

    private static ushort CheckedCount(int count) =>
        count <= ushort.MaxValue ? (ushort)count : throw new ArgumentException("too many entries in one section");

    private static void WriteUInt16(ArrayBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }
}
