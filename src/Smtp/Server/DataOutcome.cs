namespace Relaybox.Smtp.Server;

/// <summary>How receiving message content ended.</summary>
internal enum DataOutcome
{
    /// <summary>All content was received and stored.</summary>
    Complete,
    /// <summary>Over the size limit: the rest was read and dropped (552 5.3.4).</summary>
    TooBig,
    /// <summary>A bare CR or LF: the rest was read and dropped (554 5.5.2).</summary>
    BareNewline,
    /// <summary>The spool could not store the content (disk full): the rest was read and dropped (451 4.3.0).</summary>
    StoreFailed,
    /// <summary>The client stopped sending (421 4.4.2).</summary>
    TimedOut,
}
