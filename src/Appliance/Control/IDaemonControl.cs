namespace Relaybox.Appliance.Control;

/// <summary>
/// What the daemon does for the control requests that are not queue changes: status, reload, its recent log,
/// a test message, the button count. The daemon implements it; the control server bounds what it returns.
/// </summary>
public interface IDaemonControl
{
    /// <summary>The status lines ("queue: 3 waiting ...").</summary>
    Task<IReadOnlyList<string>> StatusAsync(CancellationToken cancellationToken);

    /// <summary>Reloads as SIGHUP does and returns once it is over: null when it applied, else why not (one line).</summary>
    Task<string?> ReloadAsync(CancellationToken cancellationToken);

    /// <summary>The last <paramref name="count"/> log lines, oldest first.</summary>
    IReadOnlyList<string> RecentLog(int count);

    /// <summary>Queues a test message to <paramref name="address"/>: its queue id, or why it was not queued.</summary>
    Task<TestMailResult> QueueTestMailAsync(string address, CancellationToken cancellationToken);

    /// <summary>Short presses of the button since the daemon started; null when there is no button.</summary>
    int? ButtonPresses { get; }
}
