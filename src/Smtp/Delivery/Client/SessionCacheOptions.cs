namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// Bounds of the idle sessions <see cref="SmtpDeliveryClient"/> keeps for reuse, after Postfix's connection cache
/// (CONNECTION_CACHE_README): a burst of mail to one upstream then pays for connect, greeting, EHLO, TLS and AUTH once.
/// </summary>
public sealed record SessionCacheOptions
{
    /// <summary>The defaults: on, with Postfix's time limits.</summary>
    public static SessionCacheOptions Default { get; } = new();

    /// <summary>No reuse: every delivery opens its own connection and ends it with QUIT.</summary>
    public static SessionCacheOptions Disabled { get; } = new() { MaxIdlePerUpstream = 0, MaxIdleTotal = 0 };

    /// <summary>Idle sessions kept for one upstream; 0 turns the cache off.</summary>
    public int MaxIdlePerUpstream { get; init; } = 5;

    /// <summary>Idle sessions kept over all upstreams (MX delivery meets many); the longest idle one gives way.</summary>
    public int MaxIdleTotal { get; init; } = 20;

    /// <summary>An idle session is closed with QUIT after this long unused (Postfix smtp_connection_cache_time_limit = 2s).</summary>
    public TimeSpan IdleTimeLimit { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A session is not reused once this old, counted from its connect (Postfix smtp_connection_reuse_time_limit = 300s).</summary>
    public TimeSpan ReuseTimeLimit { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Transactions one session carries at most (Postfix smtp_connection_reuse_count_limit; some servers limit it too).</summary>
    public int MaxTransactionsPerSession { get; init; } = 100;

    /// <summary>The wait for the reply to RSET before reuse (Postfix smtp_rset_timeout = 20s): a dead session must not hold mail up.</summary>
    public TimeSpan ResetTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The wait for the reply to QUIT when an idle session is closed: its mail is long decided.</summary>
    public TimeSpan QuitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True when sessions are kept at all.</summary>
    public bool Enabled => MaxIdlePerUpstream > 0 && MaxIdleTotal > 0 && MaxTransactionsPerSession > 1;
}
