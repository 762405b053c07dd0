using System.Buffers.Binary;
using System.Net;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// Decodes a message from one buffer. Every read is bounds-checked against the buffer; section counts are
/// trusted only as far as the octets go, so a header announcing 65535 records costs nothing more than the
/// message's own length.
/// </summary>
internal static class DnsMessageReader
{
    public static DnsDecodeError TryRead(ReadOnlySpan<byte> wire, out DnsMessage? message)
    {
        message = null;
        if (wire.Length < DnsHeader.Size)
        {
            return DnsDecodeError.Truncated;
        }

        var header = DnsHeader.FromWire(
            BinaryPrimitives.ReadUInt16BigEndian(wire),
            BinaryPrimitives.ReadUInt16BigEndian(wire[2..]));
        int questionCount = BinaryPrimitives.ReadUInt16BigEndian(wire[4..]);
        int answerCount = BinaryPrimitives.ReadUInt16BigEndian(wire[6..]);
        int authorityCount = BinaryPrimitives.ReadUInt16BigEndian(wire[8..]);
        int additionalCount = BinaryPrimitives.ReadUInt16BigEndian(wire[10..]);
        int offset = DnsHeader.Size;

        var questions = new List<DnsQuestion>(Math.Min(questionCount, 4));
        for (int i = 0; i < questionCount; i++)
        {
            var error = DnsName.TryRead(wire, ref offset, out string name);
            if (error != DnsDecodeError.None)
            {
                return error;
            }

            if (offset + 4 > wire.Length)
            {
                return DnsDecodeError.Truncated;
            }

            var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(wire[offset..]);
            ushort @class = BinaryPrimitives.ReadUInt16BigEndian(wire[(offset + 2)..]);
            offset += 4;
            questions.Add(new DnsQuestion(name, type, @class));
        }

        var sections = new List<DnsRecord>[3];
        int[] counts = [answerCount, authorityCount, additionalCount];
        for (int s = 0; s < sections.Length; s++)
        {
            sections[s] = new List<DnsRecord>(Math.Min(counts[s], 16));
            for (int i = 0; i < counts[s]; i++)
            {
                var error = TryReadRecord(wire, ref offset, out var record);
                if (error != DnsDecodeError.None)
                {
                    return error;
                }

                if (record is not null)
                {
                    sections[s].Add(record);
                }
            }
        }

        // Octets after the last announced record are ignored, as most resolvers do: they carry nothing we asked for.
        message = new DnsMessage(header, questions, sections[0], sections[1], sections[2]);
        return DnsDecodeError.None;
    }

    /// <summary>Reads one record; <paramref name="record"/> stays null for a type or class relaybox skips.</summary>
    private static DnsDecodeError TryReadRecord(ReadOnlySpan<byte> wire, ref int offset, out DnsRecord? record)
    {
        record = null;
        var error = DnsName.TryRead(wire, ref offset, out string owner);
        if (error != DnsDecodeError.None)
        {
            return error;
        }

        if (offset + 10 > wire.Length)
        {
            return DnsDecodeError.Truncated;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(wire[offset..]);
        ushort @class = BinaryPrimitives.ReadUInt16BigEndian(wire[(offset + 2)..]);
        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(wire[(offset + 4)..]);
        int dataLength = BinaryPrimitives.ReadUInt16BigEndian(wire[(offset + 8)..]);
        int dataStart = offset + 10;
        int dataEnd = dataStart + dataLength;
        if (dataEnd > wire.Length)
        {
            return DnsDecodeError.Truncated;
        }

        offset = dataEnd;
        if (@class != DnsQuestion.ClassInternet)
        {
            return DnsDecodeError.None;
        }

        // RFC 2181 8: a TTL with the top bit set is treated as zero.
        ttl = ttl > int.MaxValue ? 0 : ttl;
        var data = wire[dataStart..dataEnd];
        switch ((DnsRecordType)type)
        {
            case DnsRecordType.A when dataLength == 4:
            case DnsRecordType.Aaaa when dataLength == 16:
                record = new DnsRecord(owner, (DnsRecordType)type, ttl, Address: new IPAddress(data));
                return DnsDecodeError.None;
            case DnsRecordType.A:
            case DnsRecordType.Aaaa:
                return DnsDecodeError.BadRecordData;
            case DnsRecordType.Cname:
            {
                // Names inside RDATA may point anywhere earlier in the message, so read them from the whole buffer.
                int nameOffset = dataStart;
                error = DnsName.TryRead(wire[..dataEnd], ref nameOffset, out string canonical);
                if (error != DnsDecodeError.None || nameOffset != dataEnd)
                {
                    return error == DnsDecodeError.None ? DnsDecodeError.BadRecordData : error;
                }

                record = new DnsRecord(owner, DnsRecordType.Cname, ttl, Target: canonical);
                return DnsDecodeError.None;
            }
            case DnsRecordType.Mx:
            {
                if (dataLength < 3)
                {
                    return DnsDecodeError.BadRecordData;
                }

                ushort preference = BinaryPrimitives.ReadUInt16BigEndian(data);
                int nameOffset = dataStart + 2;
                error = DnsName.TryRead(wire[..dataEnd], ref nameOffset, out string exchange);
                if (error != DnsDecodeError.None || nameOffset != dataEnd)
                {
                    return error == DnsDecodeError.None ? DnsDecodeError.BadRecordData : error;
                }

                record = new DnsRecord(owner, DnsRecordType.Mx, ttl, Target: exchange, Preference: preference);
                return DnsDecodeError.None;
            }
            default:
                return DnsDecodeError.None; // SOA, OPT, RRSIG, ...: skipped safely, their length is known
        }
    }
}
