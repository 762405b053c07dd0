namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// How long the client waits for each step. The command defaults are the minimums of RFC 5321
/// section 4.5.3.2; the rest follow Postfix's smtp_*_timeout defaults.
/// </summary>
public sealed record ClientTimeouts
{
    public static ClientTimeouts Default { get; } = new();

    /// <summary>TCP connect; Postfix smtp_connect_timeout = 30s.</summary>
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The 220 greeting: RFC 5321 section 4.5.3.2.1, 5 minutes.</summary>
    public TimeSpan Greeting { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>EHLO/HELO, STARTTLS, AUTH steps and QUIT; Postfix smtp_helo_timeout = 300s.</summary>
    public TimeSpan Command { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The TLS handshake; Postfix smtp_starttls_timeout = 300s.</summary>
    public TimeSpan TlsHandshake { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>MAIL: RFC 5321 section 4.5.3.2.2, 5 minutes.</summary>
    public TimeSpan Mail { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Each RCPT: RFC 5321 section 4.5.3.2.3, 5 minutes.</summary>
    public TimeSpan Rcpt { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The 354 to DATA: RFC 5321 section 4.5.3.2.4, 2 minutes.</summary>
    public TimeSpan DataInitiation { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Each write of a block of content: RFC 5321 section 4.5.3.2.5, 3 minutes.</summary>
    public TimeSpan DataBlock { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The reply to the final ".": RFC 5321 section 4.5.3.2.6, 10 minutes.</summary>
    public TimeSpan DataTermination { get; init; } = TimeSpan.FromMinutes(10);
}
