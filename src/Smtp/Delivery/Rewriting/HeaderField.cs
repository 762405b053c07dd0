using System.Text;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// One header field as it stands in the message: the name and the raw octets of the whole field, folded
/// continuation lines and the final line end included (RFC 5322 section 2.2.3), so an untouched field is
/// copied back byte for byte.
/// </summary>
public sealed class HeaderField
{
    private readonly int _valueOffset;

    /// <param name="valueOffset">Where the value starts in <paramref name="raw"/>: just after the colon.</param>
    public HeaderField(string name, ReadOnlyMemory<byte> raw, int valueOffset)
    {
        Name = name;
        Raw = raw;
        _valueOffset = valueOffset;
    }

    public string Name { get; }

    /// <summary>"Name:value CRLF", possibly over several lines.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>Everything after the colon, line ends included.</summary>
    public ReadOnlyMemory<byte> RawValue => Raw[_valueOffset..];

    /// <summary>Whether the field ends with a line end (the last line of a truncated message may not).</summary>
    public bool EndsWithLineEnd => Raw.Length > 0 && Raw.Span[^1] == (byte)'\n';

    /// <summary>Field names compare case-insensitively (RFC 5322 section 1.2.2).</summary>
    public bool IsNamed(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value with folding removed (RFC 5322 section 2.2.3) and outer whitespace trimmed.</summary>
    public string UnfoldedValue()
    {
        var value = Encoding.UTF8.GetString(RawValue.Span);
        return value.Replace("\r\n", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Trim();
    }
}
