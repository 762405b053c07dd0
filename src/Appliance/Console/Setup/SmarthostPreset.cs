namespace Relaybox.Appliance.Console.Setup;

/// <summary>A mail provider's submission server as its help pages give it, and what its owners usually trip over.</summary>
public sealed record SmarthostPreset(string Name, string Host, int Port, SmarthostTls Tls, string LoginHint, string Note);
