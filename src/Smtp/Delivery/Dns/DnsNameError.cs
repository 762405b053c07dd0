namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>Why a name cannot be put into a query (RFC 1035 2.3.4 size limits; relaybox sends ASCII names only).</summary>
public enum DnsNameError
{
    None = 0,

    /// <summary>Two dots in a row, or a leading dot: an empty label is only allowed as the root.</summary>
    EmptyLabel,

    /// <summary>A label longer than 63 octets.</summary>
    LabelTooLong,

    /// <summary>A name longer than 255 octets on the wire.</summary>
    NameTooLong,

    /// <summary>A character outside printable ASCII, or a backslash: internationalised names must arrive as
    /// A-labels (RFC 5890), and relaybox never needs escaped octets in a query.</summary>
    InvalidCharacter,
}
