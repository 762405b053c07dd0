namespace Relaybox.Smtp.Auth;

/// <summary>Limits of <see cref="AuthThrottle"/>; defaults follow fail2ban's and Postfix anvil's spirit for a small office.</summary>
public sealed record AuthThrottleOptions
{
    /// <summary>Failures are counted over this window: 10 minutes, fail2ban's default findtime.</summary>
    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Failures within the window that lock an address out: 10, twice fail2ban's maxretry of 5 so a user mistyping on a phone is not locked out.</summary>
    public int MaxFailures { get; init; } = 10;

    /// <summary>How long a locked-out address is refused: 15 minutes, a little longer than fail2ban's 10-minute bantime.</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures answered at once: 2, so one typo and one retry cost nothing.</summary>
    public int FreeFailures { get; init; } = 2;

    /// <summary>The first delayed 535 waits this long; each further failure doubles it (Postfix smtpd_error_sleep_time is 1 s).</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the delay: 8 s stays below client command timeouts (RFC 5321 section 4.5.3.2 gives clients minutes).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Addresses tracked at once: 4096 (about 400 KB); when full, the one seen longest ago is forgotten.</summary>
    public int MaxTrackedAddresses { get; init; } = 4096;
}
