namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// The fixed 12-octet header of a DNS message (RFC 1035 4.1.1) without its four counts: those are the
/// sizes of the sections of <see cref="DnsMessage"/>.
/// </summary>
public readonly record struct DnsHeader(
    ushort Id,
    bool IsResponse,
    byte Opcode,
    bool Authoritative,
    bool Truncated,
    bool RecursionDesired,
    bool RecursionAvailable,
    DnsResponseCode ResponseCode)
{
    /// <summary>The size of the header on the wire.</summary>
    public const int Size = 12;

    /// <summary>A standard query (opcode 0) asking for recursion, as a stub resolver sends it (RFC 1035 7.1).</summary>
    public static DnsHeader Query(ushort id) => new(id, false, 0, false, false, true, false, DnsResponseCode.NoError);

    internal ushort Flags =>
        (ushort)((IsResponse ? 0x8000 : 0)
                 | ((Opcode & 0xF) << 11)
                 | (Authoritative ? 0x0400 : 0)
                 | (Truncated ? 0x0200 : 0)
                 | (RecursionDesired ? 0x0100 : 0)
                 | (RecursionAvailable ? 0x0080 : 0)
                 | ((byte)ResponseCode & 0xF));

    internal static DnsHeader FromWire(ushort id, ushort flags) => new(
        id,
        (flags & 0x8000) != 0,
        (byte)((flags >> 11) & 0xF),
        (flags & 0x0400) != 0,
        (flags & 0x0200) != 0,
        (flags & 0x0100) != 0,
        (flags & 0x0080) != 0,
        (DnsResponseCode)(flags & 0xF));
}
