namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// A DNS message (RFC 1035 4.1): header, question, answer, authority and additional sections. Records of types
/// relaybox does not use are skipped when decoding, so the sections hold only <see cref="DnsRecordType"/> records.
/// </summary>
public sealed record DnsMessage(
    DnsHeader Header,
    IReadOnlyList<DnsQuestion> Questions,
    IReadOnlyList<DnsRecord> Answers,
    IReadOnlyList<DnsRecord> Authorities,
    IReadOnlyList<DnsRecord> Additionals)
{
    /// <summary>The largest message over UDP without EDNS0 (RFC 1035 4.2.1); larger answers come with TC set.</summary>
    public const int MaxUdpSize = 512;

    /// <summary>The largest message over TCP: its length prefix is two octets (RFC 1035 4.2.2).</summary>
    public const int MaxTcpSize = ushort.MaxValue;

    /// <summary>A recursive query for one name and type.</summary>
    public static DnsMessage Query(ushort id, string name, DnsRecordType type) =>
        new(DnsHeader.Query(id), [new DnsQuestion(DnsName.Normalize(name), type)], [], [], []);

    /// <summary>Decodes a whole message. Never throws: malformed input comes back as an error value.</summary>
    public static DnsDecodeError TryDecode(ReadOnlySpan<byte> wire, out DnsMessage? message) =>
        DnsMessageReader.TryRead(wire, out message);

    /// <summary>Encodes the message without name compression. Names must pass <see cref="DnsName.Validate"/>.</summary>
    public byte[] Encode() => DnsMessageWriter.Write(this);
}
