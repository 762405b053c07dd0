namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>
/// How <see cref="OwnerAlerts"/> tells the owner about problems. Every limit has a default with the reason for it.
/// </summary>
/// <param name="HostName">relaybox's own name ([server] hostname): the mail comes from MAILER-DAEMON@HostName.</param>
/// <param name="AdminAddress">Where alert mails go ([rewrite] admin); null: no mail, the log says so once.</param>
/// <param name="StateFile">The alert state file (e.g. "&lt;data_dir&gt;/alerts"), read at start, rewritten on each change.</param>
public sealed record OwnerAlertOptions(string HostName, string? AdminAddress, string StateFile)
{
    /// <summary>
    /// The oldest waiting message must have waited this long before "queue stuck" is raised; null: never.
    /// One hour: well past the first retries (5, 15 and 35 minutes with the default backoff), so a short
    /// upstream outage is not an alert, yet a stuck queue is known the same morning, not a month later.
    /// </summary>
    public TimeSpan? QueueStuckAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// "Smarthost unreachable" and "outbound port 25 blocked" are raised only when seen on two attempts in a
    /// row at least this far apart (with no healthy attempt between): one timeout is weather, not an alert.
    /// Five minutes is the default first retry interval, so a single message's first retry can raise it.
    /// A refused login and a rejected certificate are raised at once: they never fix themselves.
    /// </summary>
    public TimeSpan RouteProblemPersistsFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// At most one mail per kind of alert in this time, however often the problem comes and goes: a flapping
    /// link must not fill the admin's mailbox. A day: the owner hears again about a problem that returns
    /// tomorrow.
    /// </summary>
    public TimeSpan MailInterval { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The relayhost login file named in the advice of a refused login ([relay] sasl_password_file).</summary>
    public string PasswordFile { get; init; } = "/etc/relaybox/relayhost.secret";
}
