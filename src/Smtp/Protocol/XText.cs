namespace Relaybox.Smtp.Protocol;

/// <summary>The xtext encoding of RFC 3461 section 4: printable ASCII except "+" and "=", or "+" and two upper-case hex digits.</summary>
public static class XText
{
    public static bool IsValid(ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'+')
            {
                if (i + 2 >= text.Length)
                {
                    return false;
                }

                if (!IsUpperHex(text[i + 1]) || !IsUpperHex(text[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (b < 33 || b > 126 || b == (byte)'=')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes valid xtext (octets read as UTF-8); call <see cref="IsValid"/> first.</summary>
    public static string Decode(ReadOnlySpan<byte> text)
    {
        var octets = new byte[text.Length];
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'+' && i + 2 < text.Length)
            {
                octets[n++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 2;
            }
            else
            {
                octets[n++] = text[i];
            }
        }

        return System.Text.Encoding.UTF8.GetString(octets, 0, n);
    }

    /// <summary>Encodes text as xtext: "+", "=", controls, space and non-ASCII octets (as UTF-8) become "+XX".</summary>
    public static string Encode(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var encoded = new System.Text.StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            if (b is >= 33 and <= 126 && b != (byte)'+' && b != (byte)'=')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('+').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static bool IsUpperHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : b - 'A' + 10;
}
