namespace Relaybox.Appliance.Setup;

/// <summary>
/// The problem the error LED stands for: the most serious raised owner alert. Declared from most to least
/// serious: a refused login or certificate needs the owner to act and will not heal by itself; a blocked port
/// or an unreachable smarthost may; a stuck queue is the consequence of any of them, so it counts only alone.
/// </summary>
public enum BoxFault
{
    None,
    SmarthostLoginRefused,
    SmarthostCertificateRejected,
    OutboundPortBlocked,
    SmarthostUnreachable,
    QueueStuck,
}
