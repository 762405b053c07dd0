using System.Buffers;
using System.Buffers.Text;

namespace Relaybox.Smtp.Protocol;

/// <summary>
/// Base64 as AUTH uses it (RFC 4954 section 4): "=" alone is an empty initial response, an empty line is an
/// empty continuation response (SCRAM and DIGEST-MD5 clients answer the server's last message with one),
/// anything else must be strict padded base64 without whitespace.
/// </summary>
public static class SaslBase64
{
    public static bool TryDecode(ReadOnlySpan<byte> text, out byte[] decoded)
    {
        if (text.IsEmpty || (text.Length == 1 && text[0] == (byte)'='))
        {
            decoded = [];
            return true;
        }

        decoded = [];
        // Base64.IsValid skips white space; AUTH responses carry none.
        if (text.Length % 4 != 0 || text.IndexOfAny(" \t\r\n"u8) >= 0 || !Base64.IsValid(text, out int length))
        {
            return false;
        }

        var buffer = new byte[length];
        var status = Base64.DecodeFromUtf8(text, buffer, out int consumed, out int written);
        if (status != OperationStatus.Done || consumed != text.Length || written != length)
        {
            return false;
        }

        decoded = buffer;
        return true;
    }

    public static byte[] Encode(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[Base64.GetMaxEncodedToUtf8Length(data.Length)];
        Base64.EncodeToUtf8(data, buffer, out _, out int written);
        return written == buffer.Length ? buffer : buffer[..written];
    }
}
