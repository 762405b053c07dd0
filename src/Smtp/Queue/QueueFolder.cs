namespace Relaybox.Smtp.Queue;

/// <summary>The folders a committed message can be in. Each holds one "&lt;id&gt;.q" per message and its optional "&lt;id&gt;.state".</summary>
public enum QueueFolder
{
    /// <summary>Accepted and waiting for (or in) its first delivery attempt.</summary>
    Active,

    /// <summary>Waiting for a retry after a temporary failure.</summary>
    Deferred,

    /// <summary>Kept back until the admin releases or purges it (e.g. after a factory reset).</summary>
    Hold,
}
