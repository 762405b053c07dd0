namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>One entry of the question section (RFC 1035 4.1.2). Names are in presentation form without the
/// trailing dot; the root is the empty string.</summary>
public sealed record DnsQuestion(string Name, DnsRecordType Type, ushort Class = DnsQuestion.ClassInternet)
{
    /// <summary>The IN class (RFC 1035 3.2.4), the only one relaybox uses.</summary>
    public const ushort ClassInternet = 1;

    /// <summary>Whether a response's question is the one asked: names compare case-insensitively (RFC 1035 2.3.3;
    /// resolvers that randomise letter case rely on the server echoing it, but relaybox does not).</summary>
    public bool Matches(DnsQuestion other) =>
        Type == other.Type && Class == other.Class && DnsName.EqualNames(Name, other.Name);
}
