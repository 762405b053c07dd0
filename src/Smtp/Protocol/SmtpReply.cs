using System.Text;

namespace Relaybox.Smtp.Protocol;

/// <summary>
/// One SMTP reply as data: the basic code, the RFC 3463 enhanced status (null where RFC 2034 section 3 exempts
/// the reply: the greeting, HELO/EHLO answers, 334 and 354), the text, and whether the server closes the
/// connection after sending it. The wire bytes are encoded once, when the reply is made.
/// </summary>
public sealed class SmtpReply
{
    public SmtpReply(int code, string? enhancedStatus, string text, bool closeConnection = false)
        : this(code, enhancedStatus, [text], closeConnection)
    {
    }

    /// <summary>A multi-line reply (RFC 5321 section 4.2.1): "code-text" on every line but the last.</summary>
    public SmtpReply(int code, string? enhancedStatus, IReadOnlyList<string> lines, bool closeConnection = false)
    {
        if (code is < 200 or > 599 || lines.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(code), "A reply needs a code 2xx-5xx and at least one line.");
        }

        Code = code;
        EnhancedStatus = enhancedStatus;
        Lines = lines;
        CloseConnection = closeConnection;
        Bytes = Encode(code, enhancedStatus, lines);
    }

    public int Code { get; }

    /// <summary>"class.subject.detail" of RFC 3463, e.g. "5.5.1"; null when the reply carries none.</summary>
    public string? EnhancedStatus { get; }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>The first line's text, for logs and tests.</summary>
    public string Text => Lines[0];

    /// <summary>The session ends after this reply is sent (421, 221).</summary>
    public bool CloseConnection { get; }

    /// <summary>The reply as it goes on the wire, every line ending in CRLF.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public bool IsPositive => Code < 400;

    public override string ToString() => Encoding.ASCII.GetString(Bytes.Span);

    private static byte[] Encode(int code, string? enhancedStatus, IReadOnlyList<string> lines)
    {
        var text = new StringBuilder();
        for (int i = 0; i < lines.Count; i++)
        {
            text.Append(code).Append(i == lines.Count - 1 ? ' ' : '-');
            if (enhancedStatus is not null)
            {
                text.Append(enhancedStatus).Append(' ');
            }

            text.Append(lines[i]).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
