using System.Text;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// A header section being rewritten: the original fields in order, some replaced, some added at the end
/// (where Postfix's cleanup adds missing fields too). <see cref="ToBytes"/> gives the new section, separator
/// included; untouched fields come back byte for byte, and every line relaybox writes ends in CRLF.
/// </summary>
public sealed class HeaderEdit
{
    private readonly List<HeaderField> _fields;
    private readonly HeaderSection _original;

    public HeaderEdit(HeaderSection original)
    {
        ArgumentNullException.ThrowIfNull(original);
        _original = original;
        _fields = [.. original.Fields];
    }

    public IReadOnlyList<HeaderField> Fields => _fields;

    public bool Changed { get; private set; }

    public int IndexOf(string name)
    {
        for (int i = 0; i < _fields.Count; i++)
        {
            if (_fields[i].IsNamed(name))
            {
                return i;
            }
        }

        return -1;
    }

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Replaces the field at <paramref name="index"/> with "name: value CRLF".</summary>
    public void Replace(int index, string name, string value)
    {
        _fields[index] = Build(name, value);
        Changed = true;
    }

    /// <summary>Adds "name: value CRLF" after the last field.</summary>
    public void Append(string name, string value) => AppendRaw(Build(name, value));

    /// <summary>Adds a field whose value is raw octets (a copy of another field's value); line ends become CRLF.</summary>
    public void AppendRawValue(string name, ReadOnlySpan<byte> rawValue)
    {
        var field = new List<byte>(name.Length + 1 + rawValue.Length + 2);
        field.AddRange(Encoding.ASCII.GetBytes(name));
        field.Add((byte)':');
        for (int i = 0; i < rawValue.Length; i++)
        {
            if (rawValue[i] == (byte)'\n' && (i == 0 || rawValue[i - 1] != (byte)'\r'))
            {
                field.Add((byte)'\r'); // never hand on a bare LF (RFC 5322 section 2.3)
            }
            else if (rawValue[i] == (byte)'\r' && (i + 1 == rawValue.Length || rawValue[i + 1] != (byte)'\n'))
            {
                continue; // a bare CR in a header line has no meaning; drop it rather than copy it
            }

            field.Add(rawValue[i]);
        }

        if (field[^1] != (byte)'\n')
        {
            field.Add((byte)'\r');
            field.Add((byte)'\n');
        }

        AppendRaw(new HeaderField(name, field.ToArray(), name.Length + 1));
    }

    /// <summary>
    /// The new header section: fields, then the separator. A missing separator is supplied when the body
    /// began without one; a section that ended with the content stays without one (there is no body).
    /// </summary>
    public byte[] ToBytes()
    {
        using var output = new MemoryStream(_original.Length + 256);
        foreach (var field in _fields)
        {
            output.Write(field.Raw.Span);
            if (!field.EndsWithLineEnd)
            {
                output.Write("\r\n"u8); // the content ended mid-line; more fields or a body may follow
            }
        }

        switch (_original.End)
        {
            case HeaderSectionEnd.EmptyLine:
                output.Write(_original.Separator.Span);
                break;
            case HeaderSectionEnd.BodyWithoutSeparator:
                output.Write("\r\n"u8); // RFC 5322 section 2.1: the body follows an empty line
                break;
        }

        return output.ToArray();
    }

    private void AppendRaw(HeaderField field)
    {
        _fields.Add(field);
        Changed = true;
    }

    private static HeaderField Build(string name, string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A header value must not contain line ends.", nameof(value));
        }

        var raw = Encoding.UTF8.GetBytes(name + ": " + value + "\r\n");
        return new HeaderField(name, raw, name.Length + 1);
    }
}
