namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>The ids a queue command changed; <see cref="Error"/> says why nothing was done (e.g. "no message X that can be held").</summary>
public sealed record QueueControlResult(IReadOnlyList<string> Changed, string? Error = null)
{
    public bool Succeeded => Error is null;
}
