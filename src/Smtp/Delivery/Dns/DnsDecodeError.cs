namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>Why a DNS message could not be decoded. Every malformed input maps to one of these.</summary>
public enum DnsDecodeError
{
    None = 0,

    /// <summary>The message ends before a header, name or record it announces.</summary>
    Truncated,

    /// <summary>A compression pointer does not point strictly backwards (RFC 1035 4.1.4: a pointer refers to a
    /// prior occurrence; requiring that also makes loops impossible).</summary>
    PointerNotBackwards,

    /// <summary>A name is longer than 255 octets on the wire (RFC 1035 2.3.4).</summary>
    NameTooLong,

    /// <summary>A label type other than a plain label (00) or a pointer (11), RFC 1035 4.1.4 / RFC 6891 5.</summary>
    UnsupportedLabelType,

    /// <summary>RDATA whose length does not fit its type (A is 4 octets, AAAA 16, a name must end exactly at the
    /// end of the RDATA).</summary>
    BadRecordData,
}
