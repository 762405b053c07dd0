using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// The attempts one delivery made over a list of targets, in order, and the one whose result stands: the attempt
/// that judged the recipients, else the last one that reached a host (its reply says the most), else the last.
/// </summary>
internal sealed record WalkOutcome(IReadOnlyList<TargetAttempt> Attempts)
{
    public TargetAttempt Deciding => Attempts.LastOrDefault(a => a.Judged)
        ?? Attempts.LastOrDefault(a => a.Reached)
        ?? Attempts[^1];

    public DeliveryResult Result => Deciding.Result;

    /// <summary>The name of the host that gave <see cref="Result"/>; null when none was reached.</summary>
    public string? RemoteHost => Deciding.Reached ? Deciding.Target.Name : null;

    public bool Judged => Deciding.Judged;

    public bool AnyReached => Attempts.Any(a => a.Reached);

    /// <summary>
    /// Outbound port blocked: no host was reached, at least one attempt timed out and none was refused (a refusal
    /// means packets get through). Unreachable networks (no IPv6 route) count for neither side.
    /// </summary>
    public bool LooksBlocked => !AnyReached && Attempts.Any(a => a.TimedOutConnecting) && !Attempts.Any(a => a.Refused);
}
