namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// Who reads bounces for LAN devices. <paramref name="AdminAddress"/> receives notices for senders nobody
/// reads (null when not configured: such notices are then dropped, with a reason); <paramref name="IsLocalDomain"/>
/// says whether a sender domain is the LAN's own name ("nas", "lan", "home.arpa", the relay's host name)
/// rather than a real mail domain.
/// </summary>
public sealed record BounceRecipientOptions(string? AdminAddress, Func<string, bool> IsLocalDomain);
