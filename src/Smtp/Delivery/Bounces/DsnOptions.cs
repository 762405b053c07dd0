namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>Settings of the notice builder; every limit has a default and says where it comes from.</summary>
public sealed record DsnOptions(string Hostname)
{
    /// <summary>
    /// The largest original returned whole (message/rfc822); larger ones return headers only. 256 KiB keeps
    /// a bounce small enough for any mailbox; Postfix's bounce_size_limit is a similar 50 KB.
    /// </summary>
    public long FullReturnLimit { get; init; } = 256 * 1024;

    /// <summary>
    /// The most header bytes returned (text/rfc822-headers). 64 KiB holds any sane header section; Postfix's
    /// header_size_limit is 100 KiB of which the tail is usually Received noise.
    /// </summary>
    public int HeaderReturnLimit { get; init; } = 64 * 1024;

    /// <summary>Name shown in the From field and the text ("Mail Delivery System" as Postfix and Exim say).</summary>
    public string DisplayName { get; init; } = "Mail Delivery System";
}
