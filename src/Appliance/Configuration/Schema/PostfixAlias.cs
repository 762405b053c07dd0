namespace Relaybox.Appliance.Configuration.Schema;

/// <summary>A Postfix main.cf parameter and the relaybox key that does its job, with a note when the meaning differs.</summary>
public sealed record PostfixAlias(string PostfixName, ConfigKey Key, string? Note);
