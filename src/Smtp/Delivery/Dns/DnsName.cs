using System.Buffers;
using System.Text;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// Domain names on the wire (RFC 1035 3.1, 4.1.4) and in presentation form: dot-separated labels, no trailing
/// dot, the root as the empty string. Reading follows compression pointers; writing never compresses.
/// </summary>
public static class DnsName
{
    /// <summary>The longest name on the wire, length octets and terminating zero included (RFC 1035 2.3.4).</summary>
    public const int MaxWireLength = 255;

    /// <summary>The longest label (RFC 1035 2.3.4): the two high bits of a length octet mark a pointer.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Strips one trailing dot: "example.com." and "example.com" are the same absolute name here,
    /// as relaybox never applies a search list to a mail domain (RFC 5321 5.1 asks for the name as given).</summary>
    public static string Normalize(string name) =>
        name.Length > 1 && name[^1] == '.' ? name[..^1] : name == "." ? "" : name;

    public static bool EqualNames(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks that <paramref name="name"/> can be written as a query name.</summary>
    public static DnsNameError Validate(string name)
    {
        name = Normalize(name);
        if (name.Length == 0)
        {
            return DnsNameError.None; // the root
        }

        int wireLength = 1; // the terminating root label
        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return DnsNameError.EmptyLabel;
            }

            if (label.Length > MaxLabelLength)
            {
                return DnsNameError.LabelTooLong;
            }

            foreach (char c in label)
            {
                if (c <= ' ' || c > '~' || c == '\\')
                {
                    return DnsNameError.InvalidCharacter;
                }
            }

            wireLength += 1 + label.Length;
        }

        return wireLength > MaxWireLength ? DnsNameError.NameTooLong : DnsNameError.None;
    }

    /// <summary>Writes an uncompressed name. The caller has validated it; an invalid name is a programming error.</summary>
    internal static void Write(string name, IBufferWriter<byte> output)
    {
        if (Validate(name) != DnsNameError.None)
        {
            throw new ArgumentException($"not a valid DNS name: {name}", nameof(name));
        }

        name = Normalize(name);
        if (name.Length > 0)
        {
            foreach (var label in name.Split('.'))
            {
                var span = output.GetSpan(1 + label.Length);
                span[0] = (byte)label.Length;
                Encoding.ASCII.GetBytes(label, span[1..]);
                output.Advance(1 + label.Length);
            }
        }

        output.GetSpan(1)[0] = 0;
        output.Advance(1);
    }

    /// <summary>
    /// Reads a possibly compressed name starting at <paramref name="offset"/> and moves the offset past it (past
    /// the first pointer if there is one). Every pointer must point strictly before the label that holds it, so
    /// each jump goes backwards and reading always ends; the total length is bounded to 255 octets as on the wire
    /// (RFC 1035 4.1.4).
    /// </summary>
    internal static DnsDecodeError TryRead(ReadOnlySpan<byte> message, ref int offset, out string name)
    {
        name = "";
        var text = new StringBuilder();
        int position = offset;
        int resumeAt = -1; // where the caller continues: after the first pointer
        int wireLength = 1;
        while (true)
        {
            if (position >= message.Length)
            {
                return DnsDecodeError.Truncated;
            }

            byte length = message[position];
            switch (length & 0xC0)
            {
                case 0x00:
                    break;
                case 0xC0:
                    if (position + 1 >= message.Length)
                    {
                        return DnsDecodeError.Truncated;
                    }

                    int target = ((length & 0x3F) << 8) | message[position + 1];
                    if (target >= position)
                    {
                        return DnsDecodeError.PointerNotBackwards;
                    }

                    if (resumeAt < 0)
                    {
                        resumeAt = position + 2;
                    }

                    position = target;
                    continue;
                default:
                    return DnsDecodeError.UnsupportedLabelType; // 01 and 10 (RFC 6891 5: extended label types)
            }

            if (length == 0)
            {
                offset = resumeAt >= 0 ? resumeAt : position + 1;
                name = text.ToString();
                return DnsDecodeError.None;
            }

            wireLength += 1 + length;
            if (wireLength > MaxWireLength)
            {
                return DnsDecodeError.NameTooLong;
            }

            if (position + 1 + length > message.Length)
            {
                return DnsDecodeError.Truncated;
            }

            if (text.Length > 0)
            {
                text.Append('.');
            }

            AppendLabel(message.Slice(position + 1, length), text);
            position += 1 + length;
        }
    }

    /// <summary>Printable octets as they are; dots, backslashes and other octets as \DDD (RFC 1035 5.1), so a
    /// hostile label can never look like two labels or carry control characters into a log.</summary>
    private static void AppendLabel(ReadOnlySpan<byte> label, StringBuilder text)
    {
        foreach (byte b in label)
        {
            if (b > ' ' && b <= '~' && b != '.' && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(((int)b).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
