namespace Relaybox.Integration.Tests.Harness.Pty;

/// <summary>How one non-blocking read of the master ended.</summary>
public enum PtyReadOutcome
{
    /// <summary>Bytes were read.</summary>
    Data,

    /// <summary>Nothing to read right now.</summary>
    NothingYet,

    /// <summary>No slave is open any more (EIO) or the master is gone: the program's output is over.</summary>
    End,
}
