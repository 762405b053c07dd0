using System.Net;

namespace Relaybox.Smtp.Relay;

/// <summary>
/// The relay settings, already parsed and validated by the configuration layer.
/// </summary>
/// <param name="Restrictions">Evaluated in order; falling off the end permits, as in Postfix.</param>
/// <param name="MyNetworks">Client networks that are trusted to relay (Postfix mynetworks).</param>
/// <param name="LocalDomains">
/// Domains whose mail is ours rather than relayed (the hostname and the like). Compared case-insensitively,
/// a trailing dot ignored.
/// </param>
/// <param name="DefaultMessagesPerHour">The per-login sending quota when a user has none of its own; 0 = unlimited.</param>
public sealed record RelayPolicyOptions(
    IReadOnlyList<RestrictionKind> Restrictions,
    IReadOnlyList<IPNetwork> MyNetworks,
    IReadOnlyCollection<string> LocalDomains,
    int DefaultMessagesPerHour)
{
    /// <summary>
    /// Postfix's own default for smtpd_relay_restrictions. It must end with a reject word, because a list
    /// that runs off its end permits: without reject_unauth_destination it would be an open relay.
    /// </summary>
    public static IReadOnlyList<RestrictionKind> DefaultRestrictions { get; } =
    [
        RestrictionKind.PermitMynetworks,
        RestrictionKind.PermitSaslAuthenticated,
        RestrictionKind.RejectUnauthDestination,
    ];
}
