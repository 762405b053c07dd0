using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Appliance.Configuration.Options;

/// <summary>
/// [rewrite]: <see cref="Admin"/> receives root, postmaster, unqualified names and device bounces (null = none set).
/// <see cref="LocalDomains"/> are the LAN's own names, lower case without a trailing dot. <see cref="SenderMap"/>
/// rewrites device senders at delivery (<see cref="SenderRewriteMap.Empty"/> when not configured).
/// </summary>
public sealed record RewriteSection(string? Admin, IReadOnlyList<string> LocalDomains, SenderRewriteMap SenderMap)
{
    /// <summary>Whether <paramref name="domain"/> (any case, trailing dot allowed) is one of <see cref="LocalDomains"/>.</summary>
    public bool IsLocalDomain(string domain) =>
        LocalDomains.Contains(domain.TrimEnd('.'), StringComparer.OrdinalIgnoreCase);
}
