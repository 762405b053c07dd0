namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// Idle SMTP sessions kept for the next delivery to the same upstream, as Postfix's connection cache does. The key is
/// the whole <see cref="SmtpUpstream"/> (record equality: host, address, port, TLS policy, credentials, HELO name,
/// timeouts), so a session is only ever reused under the settings it was opened, secured and authenticated with.
/// A session is handed to one delivery at a time: taking removes it from the cache under the lock.
/// Times are <see cref="TimeProvider.GetTimestamp"/> values: a wall clock stepped by NTP must not keep sessions alive.
/// </summary>
internal sealed class SessionCache(SessionCacheOptions options, TimeProvider time) : IAsyncDisposable
{
    /// <summary>Oldest first (the order they went idle in), so the head is the next to expire or give way.</summary>
    private readonly List<IdleSession> _idle = [];
    private readonly HashSet<Task> _closing = [];
    private ITimer? _timer;
    private bool _disposed;

    public int IdleCount
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// An idle session for <paramref name="upstream"/> that answered RSET with 250 (RFC 5321 section 4.1.1.5), ready
    /// for MAIL; null when there is none, and the caller opens a new connection.
    /// </summary>
    public async Task<SmtpClientSession?> TakeAsync(SmtpUpstream upstream, CancellationToken cancellationToken)
    {
        while (TakeIdle(upstream) is { } session)
        {
            if (!Reusable(session))
            {
                Track(CloseAsync(session, CancellationToken.None));
                continue;
            }

            bool ready;
            try
            {
                ready = await session.ResetAsync(Shorter(options.ResetTimeout, upstream.Timeouts.Command), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await session.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            if (ready)
            {
                return session;
            }

            // Closed or out of step: no QUIT can help. Its siblings most likely went the same way (a restarted
            // server), so the surer path is a new connection rather than trying each of them in turn.
            await session.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        return null;
    }

    /// <summary>
    /// Keeps a session whose last transaction ended in step, or ends it with QUIT when it may not be kept (too old,
    /// too many transactions, the cache closed). Making room ends the longest idle session of the same upstream first
    /// (at the per-upstream bound), else the longest idle one of all.
    /// </summary>
    public async Task ReturnAsync(SmtpUpstream upstream, SmtpClientSession session, CancellationToken cancellationToken)
    {
        List<SmtpClientSession> evicted = [];
        bool kept = false;
        lock (_idle)
        {
            if (!_disposed && options.Enabled && Reusable(session))
            {
                int sameIndex = _idle.FindIndex(i => i.Upstream.Equals(upstream));
                if (sameIndex >= 0 && _idle.Count(i => i.Upstream.Equals(upstream)) >= options.MaxIdlePerUpstream)
                {
                    evicted.Add(_idle[sameIndex].Session);
                    _idle.RemoveAt(sameIndex);
                }
                else if (_idle.Count >= options.MaxIdleTotal)
                {
                    evicted.Add(_idle[0].Session);
                    _idle.RemoveAt(0);
                }

                _idle.Add(new IdleSession(upstream, session, time.GetTimestamp()));
                Rearm();
                kept = true;
            }
        }

        if (evicted.Count > 0)
        {
            Track(CloseAllAsync(evicted));
        }

        if (!kept)
        {
            await CloseAsync(session, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends every idle session with QUIT, and waits for closings already under way.</summary>
    public async Task CloseIdleAsync()
    {
        List<SmtpClientSession> all;
        lock (_idle)
        {
            all = _idle.Select(i => i.Session).ToList();
            _idle.Clear();
            Rearm();
        }

        Task[] underWay;
        lock (_closing)
        {
            underWay = [.. _closing];
        }

        await Task.WhenAll([CloseAllAsync(all), .. underWay]).ConfigureAwait(false);
    }

    /// <summary>Closes the idle sessions; sessions returned afterwards are ended at once.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_idle)
        {
            _disposed = true;
        }

        await CloseIdleAsync().ConfigureAwait(false);
    }

    private SmtpClientSession? TakeIdle(SmtpUpstream upstream)
    {
        lock (_idle)
        {
            // The most recently used first: it has the longest to live, and the older ones may expire unused.
            int index = _idle.FindLastIndex(i => i.Upstream.Equals(upstream));
            if (index < 0)
            {
                return null;
            }

            SmtpClientSession session = _idle[index].Session;
            _idle.RemoveAt(index);
            Rearm();
            return session;
        }
    }

    private bool Reusable(SmtpClientSession session) =>
        session.Transactions < options.MaxTransactionsPerSession && time.GetElapsedTime(session.OpenedAt) < options.ReuseTimeLimit;

    /// <summary>Under the lock: one timer, due when the longest idle session expires; none while nothing is idle.</summary>
    private void Rearm()
    {
        if (_idle.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }

        TimeSpan due = options.IdleTimeLimit - time.GetElapsedTime(_idle[0].IdleSince);
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = time.CreateTimer(_ => CloseExpired(), null, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void CloseExpired()
    {
        List<SmtpClientSession> expired = [];
        lock (_idle)
        {
            while (_idle.Count > 0 && time.GetElapsedTime(_idle[0].IdleSince) >= options.IdleTimeLimit)
            {
                expired.Add(_idle[0].Session);
                _idle.RemoveAt(0);
            }

            Rearm();
        }

        if (expired.Count > 0)
        {
            Track(CloseAllAsync(expired));
        }
    }

    /// <summary>Keeps background closings in view, so <see cref="CloseIdleAsync"/> can wait for them.</summary>
    private void Track(Task closing)
    {
        lock (_closing)
        {
            _closing.Add(closing);
        }

        closing.ContinueWith(
            done =>
            {
                lock (_closing)
                {
                    _closing.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private Task CloseAllAsync(List<SmtpClientSession> sessions) =>
        sessions.Count == 0 ? Task.CompletedTask : Task.WhenAll(sessions.Select(s => CloseAsync(s, CancellationToken.None)));

    /// <summary>QUIT (RFC 5321 section 4.1.1.10), bounded: the session's mail is long decided.</summary>
    private async Task CloseAsync(SmtpClientSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.QuitAsync(Shorter(options.QuitTimeout, session.Timeouts.Command), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record IdleSession(SmtpUpstream Upstream, SmtpClientSession Session, long IdleSince);
}
