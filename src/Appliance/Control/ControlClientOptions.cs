namespace Relaybox.Appliance.Control;

/// <summary>Limits of the relaybox command's side of the control socket.</summary>
public sealed record ControlClientOptions
{
    /// <summary>A local daemon accepts at once; a full backlog for this long means it is stuck.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>From sending the request to the end of the reply. Holding "all" of a large queue renames many files.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest reply read; the server's own limits keep real replies far below (1000 ids are about 27 KB).</summary>
    public int MaxResponseBytes { get; init; } = 256 * 1024;
}
