namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// Where a notice goes and which recipients it reports on. <see cref="Recipient"/> is null (and
/// <see cref="Reported"/> empty) when <see cref="SkipReason"/> says why nothing is sent.
/// <see cref="RedirectedToAdmin"/> is true when the envelope sender was a device address nobody reads.
/// </summary>
public sealed record BounceDecision(
    string? Recipient,
    IReadOnlyList<DsnRecipientStatus> Reported,
    BounceSkipReason SkipReason,
    bool RedirectedToAdmin)
{
    public bool ShouldSend => Recipient is not null;

    public static BounceDecision Skip(BounceSkipReason reason) => new(null, [], reason, false);
}
