using System.Text;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>Parses one reply line (without its line end): Reply-code [ SP / "-" textstring ] (RFC 5321 section 4.2).</summary>
internal static class ReplyLineParser
{
    /// <summary>
    /// False for a line that is not a reply line. <paramref name="isLast"/> is false for "ddd-" (more lines
    /// follow). A bare "ddd" is a complete last line: RFC 5321 section 4.2 makes the text optional.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out int code, out bool isLast, out string text)
    {
        code = 0;
        isLast = true;
        text = string.Empty;
        // Reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 section 4.2)
        if (line.Length < 3 || line[0] is < (byte)'2' or > (byte)'5' || line[1] is < (byte)'0' or > (byte)'5' ||
            line[2] is < (byte)'0' or > (byte)'9')
        {
            return false;
        }

        code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        if (line.Length == 3)
        {
            return true;
        }

        if (line[3] != (byte)' ' && line[3] != (byte)'-')
        {
            return false;
        }

        isLast = line[3] == (byte)' ';
        // Text is meant to be ASCII; servers send UTF-8 (RFC 6531) or Latin-1 now and then. Decoding
        // replaces bad bytes instead of failing: the text is only ever quoted, never interpreted.
        text = Encoding.UTF8.GetString(line[4..]);
        return true;
    }
}
