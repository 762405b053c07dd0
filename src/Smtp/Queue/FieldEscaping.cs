using System.Buffers;
using System.Text;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// The escaping of envelope file values: the UTF-8 bytes of the value, with every byte outside the visible
/// ASCII range (space, controls, 8-bit) and "%" itself written as "%XX". An escaped value therefore has no
/// spaces or line ends, and any string — a quoted local part with spaces, an SMTPUTF8 address, an ENVID —
/// survives the round trip exactly.
/// </summary>
internal static class FieldEscaping
{
    public static void Append(StringBuilder output, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        foreach (byte b in bytes)
        {
            if (b > 0x20 && b < 0x7F && b != (byte)'%')
            {
                output.Append((char)b);
            }
            else
            {
                output.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }
    }

    /// <summary>Reverses <see cref="Append"/>; null when the text is not a valid escaping of UTF-8.</summary>
    public static string? Unescape(ReadOnlySpan<char> text)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '%')
                {
                    if (i + 2 >= text.Length || !TryHex(text[i + 1], out int high) || !TryHex(text[i + 2], out int low))
                    {
                        return null;
                    }

                    rented[length++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else if (c > ' ' && c < '\x7F')
                {
                    rented[length++] = (byte)c;
                }
                else
                {
                    return null;
                }
            }

            var bytes = rented.AsSpan(0, length);
            return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
