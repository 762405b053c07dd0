namespace Relaybox.Smtp.Protocol;

public enum LineStatus
{
    /// <summary>A CRLF-terminated line was read.</summary>
    Complete,
    /// <summary>No line end yet and the limit not reached: read more.</summary>
    Incomplete,
    /// <summary>The limit was reached without a line end; nothing was consumed.</summary>
    TooLong,
    /// <summary>A line ended in LF without CR; it was consumed.</summary>
    BareLineFeed,
}
