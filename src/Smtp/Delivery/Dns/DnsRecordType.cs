namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>The record types relaybox asks for or follows (RFC 1035 3.2.2, RFC 3596 2.1).</summary>
public enum DnsRecordType : ushort
{
    A = 1,
    Cname = 5,
    Mx = 15,
    Aaaa = 28,
}
