namespace Relaybox.Smtp.Auth;

/// <summary>The result of one step of a server-side SASL exchange.</summary>
public readonly record struct SaslStep(SaslOutcome Outcome, byte[]? Challenge, SaslFailureReason Reason)
{
    public static SaslStep Continue(byte[] challenge) => new(SaslOutcome.Challenge, challenge, SaslFailureReason.None);

    public static SaslStep Succeeded { get; } = new(SaslOutcome.Success, null, SaslFailureReason.None);

    public static SaslStep Fail(SaslFailureReason reason) => new(SaslOutcome.Failure, null, reason);
}
