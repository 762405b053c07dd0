namespace Relaybox.Appliance.Control;

/// <summary>How a control request ended, as the relaybox command must tell the cases apart.</summary>
public enum ControlOutcome
{
    /// <summary>The daemon carried the request out and answered "ok".</summary>
    Ok,

    /// <summary>The daemon answered "error TEXT" (an unknown id, say); <see cref="ControlReply.Error"/> is the text.</summary>
    Refused,

    /// <summary>No daemon: the socket file is absent or refuses connections (left by a daemon that died). Act on the files directly.</summary>
    NotRunning,

    /// <summary>Something answers, or may, but the exchange failed (permission denied, timeout, broken reply). Do not act on the files: a daemon may be running.</summary>
    Failed,
}
