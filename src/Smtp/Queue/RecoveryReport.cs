namespace Relaybox.Smtp.Queue;

/// <summary>What <see cref="SpoolRecovery.RecoverAfterCrash"/> found and did; logged once at start.</summary>
/// <param name="IncomingRemoved">Messages that were still being received (never acknowledged with 250).</param>
/// <param name="TemporaryFilesRemoved">Half-written ".*.tmp" files (e.g. a state file being replaced).</param>
/// <param name="OrphansRemoved">".state" files whose message is gone (a removal interrupted after the queue file went).</param>
/// <param name="Reunited">".state" files that followed their message into its folder (a move interrupted between the two renames).</param>
/// <param name="DuplicatesRemoved">Second names of one queue file in another folder, which a file system may leave after a power cut during a move.</param>
/// <param name="CompleteMessages">Committed messages, all folders together.</param>
/// <param name="Corrupt">Queue files left in place for the admin: unreadable, or two different files under one id.</param>
public sealed record RecoveryReport(
    int IncomingRemoved,
    int TemporaryFilesRemoved,
    int OrphansRemoved,
    int Reunited,
    int DuplicatesRemoved,
    int CompleteMessages,
    IReadOnlyList<CorruptQueueEntry> Corrupt);
