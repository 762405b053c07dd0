namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// The parsed header section of a message. <see cref="Length"/> counts the octets it took from the content,
/// the separating empty line included when <see cref="End"/> is <see cref="HeaderSectionEnd.EmptyLine"/>;
/// <see cref="Separator"/> holds that line's octets ("\r\n") so it can be written back unchanged.
/// </summary>
public sealed class HeaderSection
{
    public HeaderSection(IReadOnlyList<HeaderField> fields, HeaderSectionEnd end, ReadOnlyMemory<byte> separator, int length)
    {
        Fields = fields;
        End = end;
        Separator = separator;
        Length = length;
    }

    public IReadOnlyList<HeaderField> Fields { get; }

    public HeaderSectionEnd End { get; }

    public ReadOnlyMemory<byte> Separator { get; }

    public int Length { get; }

    public bool Contains(string name)
    {
        foreach (var field in Fields)
        {
            if (field.IsNamed(name))
            {
                return true;
            }
        }

        return false;
    }
}
