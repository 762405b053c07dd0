namespace Relaybox.Appliance.Control;

/// <summary>The outcome of queueing a test message: the queue id, or the reason it was refused (a bad address, a full disk).</summary>
public sealed record TestMailResult(string? QueueId, string? Problem)
{
    public static TestMailResult Queued(string queueId) => new(queueId, null);

    public static TestMailResult Refused(string problem) => new(null, problem);
}
