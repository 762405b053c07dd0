namespace Relaybox.Smtp.Queue;

/// <summary>What <see cref="SpoolRecovery.RecoverAfterCrash"/> found and did; logged once at start.</summary>
/// <param name="IncomingRemoved">Messages that were still being received (never acknowledged with 250).</param>
/// <param name="TemporaryFilesRemoved">Half-written envelope temp files.</param>
/// <param name="OrphansRemoved">".msg" files whose commit never wrote the envelope (never acknowledged).</param>
/// <param name="Reunited">Messages whose move between folders was interrupted, now whole in the destination.</param>
/// <param name="CompleteMessages">Committed messages, all folders together.</param>
/// <param name="Corrupt">Entries left in place for the admin: unreadable envelope, or envelope without content.</param>
public sealed record RecoveryReport(
    int IncomingRemoved,
    int TemporaryFilesRemoved,
    int OrphansRemoved,
    int Reunited,
    int CompleteMessages,
    IReadOnlyList<CorruptQueueEntry> Corrupt);
