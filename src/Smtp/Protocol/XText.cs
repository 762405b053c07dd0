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

    /// <summary>Decodes valid xtext; call <see cref="IsValid"/> first.</summary>
    public static string Decode(ReadOnlySpan<byte> text)
    {
        var chars = new char[text.Length];
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'+' && i + 2 < text.Length)
            {
                chars[n++] = (char)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 2;
            }
            else
            {
                chars[n++] = (char)text[i];
            }
        }

        return new string(chars, 0, n);
    }

    private static bool IsUpperHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : b - 'A' + 10;
}
