namespace Relaybox.Hardware.Indicators;

/// <summary>Conditions that light the error LED; the daemon sets and clears them as it learns of them.</summary>
[Flags]
public enum ApplianceFaults
{
    None = 0,

    /// <summary>The last attempt to reach the smarthost failed (connection, TLS or authentication).</summary>
    SmarthostUnreachable = 1,

    /// <summary>Mail has been waiting in the queue longer than the daemon considers normal.</summary>
    QueueStuck = 2,
}
