namespace Relaybox.Smtp.Relay;

public readonly record struct RelayDecision(RelayVerdict Verdict, RelayRejectReason Reason)
{
    public static RelayDecision Permit { get; } = new(RelayVerdict.Permit, RelayRejectReason.None);

    public static RelayDecision Reject(RelayRejectReason reason) => new(RelayVerdict.Reject, reason);

    public static RelayDecision Defer(RelayRejectReason reason) => new(RelayVerdict.Defer, reason);
}
