namespace Relaybox.Smtp.Protocol;

/// <summary>
/// The bounds of an SMTP server. Each default notes where it comes from: RFC 5321 section 4.5.3 gives the
/// minimums a server must accept, Postfix (postconf(5), resource.html) the values a relay uses in practice.
/// </summary>
public sealed record SmtpLimits
{
    /// <summary>
    /// Octets in a command line, CRLF excluded. Postfix line_length_limit is 2048; RFC 5321 section 4.5.3.1.4
    /// requires at least 512 including CRLF.
    /// </summary>
    public int MaxCommandLineLength { get; init; } = 2048;

    /// <summary>An AUTH response line (RFC 4954 section 4: at least 12288 octets must be accepted).</summary>
    public int MaxAuthLineLength { get; init; } = 12288;

    /// <summary>Message size in octets, advertised as SIZE (RFC 1870). Postfix message_size_limit default.</summary>
    public long MaxMessageSize { get; init; } = 10_240_000;

    /// <summary>RCPT commands per transaction. RFC 5321 section 4.5.3.1.8 requires at least 100.</summary>
    public int MaxRecipients { get; init; } = 100;

    /// <summary>Waiting for a command. RFC 5321 section 4.5.3.2.7: at least 5 minutes.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Waiting for the next block of DATA or BDAT octets. RFC 5321 section 4.5.3.2.5 lets a client take 3 minutes
    /// to send each data block, so the server waits as long. (The 10 minutes of section 4.5.3.2.6 are the client's
    /// wait for the reply after the final dot: the commit must fit in them, which an fsync does.)
    /// </summary>
    public TimeSpan DataTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Concurrent sessions in total. Postfix default_process_limit is 100.</summary>
    public int MaxSessions { get; init; } = 100;

    /// <summary>Concurrent sessions from one client address (Postfix smtpd_client_connection_count_limit is 50; a LAN relay needs fewer).</summary>
    public int MaxSessionsPerAddress { get; init; } = 20;

    /// <summary>Refused commands before the session is closed with 421 (Postfix smtpd_hard_error_limit is 20; smtpd_soft_error_limit 10).</summary>
    public int MaxErrors { get; init; } = 10;
}
