using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Delivery.Manager;
using Serilog;

namespace Relaybox.Appliance.Setup;

/// <summary>
/// The factory reset as the running daemon applies it when the button asks, after which it carries on in the
/// factory state without a restart. The queue manager keeps messages in memory and may be delivering one right
/// now, so the queue goes through it (hold all) instead of being moved behind its back; then the files change
/// (<see cref="FactoryReset"/>, without the queue step); then the daemon's own reload path picks up the
/// factory configuration, the missing users and the missing TLS pair (which it regenerates). A second hold
/// catches what was accepted between the first one and the reload; after the reload nothing is delivered
/// anyway ([queue] deliver = no).
/// </summary>
/// <param name="currentConfig">The configuration in force (the daemon's, not re-read: the file may be broken).</param>
/// <param name="configFile">The config file to replace; null on the demo configuration.</param>
/// <param name="reloadAsync">The daemon's SIGHUP path: configuration, users, certificate, delivery setup, alerts.</param>
public sealed class RunningFactoryReset(
    Func<RelayboxConfig> currentConfig,
    string? configFile,
    IQueueControl queue,
    Func<Task> reloadAsync,
    BoxStatusSource status,
    ILogger log,
    TimeProvider time,
    FactoryReset? files = null)
{
    private readonly FactoryReset files = files ?? FactoryReset.Default;
    private int running;

    /// <summary>Applies the reset; null when it failed (logged; the marker makes the next start finish it) or one is already running.</summary>
    public async Task<FactoryResetResult?> ApplyAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref running, 1) == 1)
        {
            log.Warning("factory reset requested while one is in progress: ignored");
            return null;
        }

        status.ObserveReset(true);
        try
        {
            log.Warning("factory reset: default configuration, no users, new TLS key; queued mail is kept on hold");
            await HoldAllAsync(cancellationToken);
            var plan = FactoryReset.Prepare(currentConfig(), configFile, time, moveQueueToHold: false);
            var result = files.Perform(plan);
            foreach (string step in result.Done)
            {
                log.Warning("factory reset: {Step}", step);
            }

            await reloadAsync();
            await HoldAllAsync(cancellationToken);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error("factory reset incomplete: {Reason}; it is finished at the next start", e.Message);
            return null;
        }
        finally
        {
            status.ObserveReset(false);
            Volatile.Write(ref running, 0);
        }
    }

    private async Task HoldAllAsync(CancellationToken cancellationToken)
    {
        var held = await queue.HoldAsync("all", cancellationToken);
        if (held.Succeeded)
        {
            log.Information("factory reset: {Count} queued messages put on hold", held.Changed.Count);
        }
        else
        {
            log.Error("factory reset: the queue could not be held: {Problem}", held.Error);
        }
    }
}
