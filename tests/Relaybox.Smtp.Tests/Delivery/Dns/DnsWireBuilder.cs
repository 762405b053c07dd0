using System.Buffers.Binary;
using System.Text;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>Builds DNS messages octet by octet, for inputs the encoder would never produce (pointers, lies).</summary>
internal sealed class DnsWireBuilder
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public DnsWireBuilder Header(ushort id, ushort flags, ushort questions, ushort answers = 0, ushort authorities = 0,
        ushort additionals = 0) =>
        UInt16(id).UInt16(flags).UInt16(questions).UInt16(answers).UInt16(authorities).UInt16(additionals);

    public DnsWireBuilder UInt16(ushort value)
    {
        Span<byte> span = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(span, value);
        _bytes.AddRange(span.ToArray());
        return this;
    }

    public DnsWireBuilder UInt32(uint value)
    {
        Span<byte> span = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(span, value);
        _bytes.AddRange(span.ToArray());
        return this;
    }

    public DnsWireBuilder Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>Labels without a terminating zero, so a pointer can follow.</summary>
    public DnsWireBuilder Labels(string dotted)
    {
        foreach (var label in dotted.Split('.'))
        {
            _bytes.Add((byte)label.Length);
            _bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        return this;
    }

    /// <summary>A whole uncompressed name, root label included.</summary>
    public DnsWireBuilder Name(string dotted) => Labels(dotted).Bytes(0);

    public DnsWireBuilder Pointer(int offset) => Bytes((byte)(0xC0 | (offset >> 8)), (byte)offset);

    public byte[] ToArray() => [.. _bytes];
}
