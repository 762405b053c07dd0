using System.Collections.Concurrent;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Manager;

/// <summary>
/// The route the queue manager talks to, answering each recipient as the test says and recording what it was
/// handed (envelope and content bytes), so the manager's bookkeeping is tested without a network. The real
/// route is tested in Delivery/Routing; the daemon tests join both.
/// </summary>
internal sealed class ScriptedRoute : IDeliveryRoute
{
    private int running;

    /// <summary>The reply for a recipient address; the default accepts everything.</summary>
    public Func<string, UpstreamReply> Answer { get; set; } = _ => new UpstreamReply(250, ["2.0.0 Ok"]);

    /// <summary>When set, each delivery waits for it (to hold attempts in progress).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public ConcurrentQueue<Sent> Deliveries { get; } = new();

    public int MaxConcurrent { get; private set; }

    public string DestinationOf(string recipientAddress) =>
        recipientAddress.Contains('@') ? recipientAddress[(recipientAddress.LastIndexOf('@') + 1)..].ToLowerInvariant() : "";

    public async Task<RouteAttempt> DeliverAsync(string destination, OutboundMessage message, CancellationToken cancellationToken)
    {
        int now = Interlocked.Increment(ref running);
        lock (Deliveries)
        {
            MaxConcurrent = Math.Max(MaxConcurrent, now);
        }

        try
        {
            using var copy = new MemoryStream();
            await message.Content.CopyToAsync(copy, cancellationToken);
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            Deliveries.Enqueue(new Sent(destination, message.Envelope, copy.ToArray()));
            var results = message.Envelope.Recipients.Select(r =>
            {
                var reply = Answer(r.Address);
                var outcome = reply.IsPositive ? RecipientOutcome.Delivered : reply.IsPermanent ? RecipientOutcome.Failed : RecipientOutcome.Deferred;
                return new RecipientResult(r, outcome, reply, reply.ToString());
            }).ToList();
            return new RouteAttempt(new DeliveryResult(results, DeliveryFailure.None), "mx." + destination, RouteCondition.Healthy);
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    public sealed record Sent(string Destination, Envelope Envelope, byte[] Content);
}
