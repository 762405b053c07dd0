namespace Relaybox.Hardware.Indicators;

/// <summary>
/// The one table from the appliance's state to what each LED shows, and to the blink code a short press of the
/// button plays on the status LED. The README of this folder repeats it for the owner's manual.
/// </summary>
public static class IndicatorPatterns
{
    /// <summary>Blink codes, counted in flashes of the status LED.</summary>
    public const int CodeServing = 1;
    public const int CodeSetupNeeded = 2;
    public const int CodeSmarthostUnreachable = 3;
    public const int CodeQueueStuck = 4;
    public const int CodeStarting = 5;
    public const int CodeResetPending = 6;

    /// <summary>
    /// The base pattern of <paramref name="role"/>. The reset warning (the button held past 5 s) and a pending
    /// reset make every LED blink fast, whatever else is true, so nobody mistakes it for normal operation.
    /// Activity flashes are laid over the activity LED's base pattern by the driver.
    /// </summary>
    public static LedPattern For(LedRole role, ApplianceState state, ApplianceFaults faults, bool resetWarning)
    {
        if (resetWarning || state == ApplianceState.ResetPending)
            return LedPattern.FastBlink;
        return role switch
        {
            LedRole.Status => state switch
            {
                ApplianceState.Starting => LedPattern.SlowBlink,
                ApplianceState.Serving => LedPattern.On,
                ApplianceState.SetupNeeded => LedPattern.FastBlink,
                _ => LedPattern.FastBlink,
            },
            LedRole.Activity => LedPattern.Off,
            LedRole.Error => faults == ApplianceFaults.None ? LedPattern.Off : LedPattern.On,
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
        };
    }

    /// <summary>
    /// The blink code for the current state: the most useful single answer to "what is wrong?". Setup needed
    /// outranks a fault (nothing can be delivered before setup), a stuck queue outranks an unreachable smarthost
    /// (it is the consequence the owner notices).
    /// </summary>
    public static int StatusCode(ApplianceState state, ApplianceFaults faults) => state switch
    {
        ApplianceState.ResetPending => CodeResetPending,
        ApplianceState.SetupNeeded => CodeSetupNeeded,
        _ when faults.HasFlag(ApplianceFaults.QueueStuck) => CodeQueueStuck,
        _ when faults.HasFlag(ApplianceFaults.SmarthostUnreachable) => CodeSmarthostUnreachable,
        ApplianceState.Starting => CodeStarting,
        _ => CodeServing,
    };
}
