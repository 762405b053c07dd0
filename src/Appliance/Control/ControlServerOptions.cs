namespace Relaybox.Appliance.Control;

/// <summary>
/// Limits of the control socket. The only client is the relaybox command run by an administrator, so the
/// limits are small: they exist so that a stuck or broken client can never hold the daemon's resources.
/// </summary>
public sealed record ControlServerOptions
{
    /// <summary>Longest request line, line end excluded. The longest real request is "release " + a 26-character id.</summary>
    public int MaxRequestLength { get; init; } = 512;

    /// <summary>Clients served at once; one more is told "error busy" and closed. An operator types one command at a time.</summary>
    public int MaxClients { get; init; } = 8;

    /// <summary>How long a client may take to send its request line (the relaybox command sends it at once).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long writing the response may take before the client is dropped (a client that never reads).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Ids listed after a change of "all"; the count is always exact. 1000 ids are about 27 KB.</summary>
    public int MaxListedIds { get; init; } = 1000;

    /// <summary>Status lines passed on; the rest are summarised as "... N more".</summary>
    public int MaxStatusLines { get; init; } = 64;

    /// <summary>Characters per response line; longer lines are cut (an upstream reply text can be long).</summary>
    public int MaxLineLength { get; init; } = 400;

    /// <summary>Throws when a limit is not positive, so a mistake shows at start rather than at the first client.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestLength, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReadTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WriteTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxListedIds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStatusLines, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, 40);
    }
}
