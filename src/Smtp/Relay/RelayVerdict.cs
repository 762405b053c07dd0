namespace Relaybox.Smtp.Relay;

public enum RelayVerdict
{
    Permit,
    /// <summary>Permanent refusal (5xx).</summary>
    Reject,
    /// <summary>Temporary refusal (4xx), e.g. a sending quota that refills.</summary>
    Defer,
}
