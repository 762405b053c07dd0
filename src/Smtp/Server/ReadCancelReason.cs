namespace Relaybox.Smtp.Server;

/// <summary>Why a read of the connection came back without data.</summary>
internal enum ReadCancelReason
{
    None,
    /// <summary>The command or data timeout expired.</summary>
    Timeout,
    /// <summary>The server is stopping and the session was idle.</summary>
    Shutdown,
}
