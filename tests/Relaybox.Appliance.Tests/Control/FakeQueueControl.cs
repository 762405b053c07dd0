using System.Collections.Concurrent;
using Relaybox.Smtp.Delivery.Manager;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>
/// Stands in for the queue manager: records every call as "verb target", answers with <see cref="Answer"/>,
/// and can be made to wait on <see cref="Gate"/> so tests can hold requests in progress.
/// </summary>
internal sealed class FakeQueueControl : IQueueControl
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public Func<string, string, QueueControlResult> Answer { get; set; } = (_, target) => new QueueControlResult(target == "all" ? [] : [target]);

    /// <summary>When set, every call waits for it; <see cref="Waiting"/> counts the calls parked there.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int Waiting => waiting;

    private int waiting;

    public Task<QueueControlResult> FlushAsync(CancellationToken cancellationToken) => CallAsync("flush", "", cancellationToken);

    public Task<QueueControlResult> HoldAsync(string target, CancellationToken cancellationToken) => CallAsync("hold", target, cancellationToken);

    public Task<QueueControlResult> ReleaseAsync(string target, CancellationToken cancellationToken) => CallAsync("release", target, cancellationToken);

    public Task<QueueControlResult> DeleteAsync(string target, CancellationToken cancellationToken) => CallAsync("delete", target, cancellationToken);

    private async Task<QueueControlResult> CallAsync(string verb, string target, CancellationToken cancellationToken)
    {
        Calls.Enqueue((verb + " " + target).TrimEnd());
        if (Gate is { } gate)
        {
            Interlocked.Increment(ref waiting);
            await gate.Task.WaitAsync(cancellationToken);
        }

        return Answer(verb, target);
    }
}
