namespace Relaybox.Appliance.Configuration.Options;

/// <summary>[rewrite]: <see cref="Admin"/> receives root, postmaster, unqualified names and device bounces; null = none set.</summary>
public sealed record RewriteSection(string? Admin);
