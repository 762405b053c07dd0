namespace Relaybox.Appliance.Setup;

/// <summary>
/// What the LEDs show: the phase (status LED) and the fault (error LED), independent of each other, as a box
/// that serves may also have an unreachable smarthost.
/// </summary>
public readonly record struct BoxStatus(BoxPhase Phase, BoxFault Fault)
{
    public static BoxStatus Initial => new(BoxPhase.Starting, BoxFault.None);

    /// <summary>Whether the error LED is on.</summary>
    public bool HasFault => Fault != BoxFault.None;
}
