namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// One complete reply from an upstream server (RFC 5321 section 4.2): the three-digit code, the
/// RFC 3463 enhanced status code when the server sent one (RFC 2034), and the text of every line.
/// </summary>
public sealed record UpstreamReply
{
    public UpstreamReply(int code, IReadOnlyList<string> lines)
    {
        Code = code;
        Lines = lines;
        EnhancedCode = lines.Count > 0 ? EnhancedStatus.Find(code, lines[0]) : null;
    }

    public int Code { get; }

    /// <summary>The text after "ddd " or "ddd-" of each line, enhanced code included.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>"x.y.z" from the first line when its class agrees with <see cref="Code"/>; null otherwise.</summary>
    public string? EnhancedCode { get; }

    /// <summary>2yz: positive completion (RFC 5321 section 4.2.1).</summary>
    public bool IsPositive => Code is >= 200 and < 300;

    /// <summary>3yz: positive intermediate (354 to DATA, 334 to AUTH).</summary>
    public bool IsIntermediate => Code is >= 300 and < 400;

    /// <summary>4yz: transient negative; the same command may succeed later.</summary>
    public bool IsTransient => Code is >= 400 and < 500;

    /// <summary>5yz: permanent negative.</summary>
    public bool IsPermanent => Code >= 500;

    /// <summary>The lines joined by a space: what a DSN or a log line quotes.</summary>
    public string Text => string.Join(' ', Lines);

    public override string ToString() => Lines.Count == 0 ? Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Code} {Text}";
}
