namespace Relaybox.Appliance.Setup;

/// <summary>What a factory reset did, one log-ready sentence per step (no secrets: file names only).</summary>
/// <param name="Resumed">True when this run finished a reset that an earlier run (cut short) had started.</param>
/// <param name="MessagesHeld">Messages this run moved from active/ and deferred/ to hold/.</param>
public sealed record FactoryResetResult(DateTimeOffset StartedAt, bool Resumed, IReadOnlyList<string> Done, int MessagesHeld);
