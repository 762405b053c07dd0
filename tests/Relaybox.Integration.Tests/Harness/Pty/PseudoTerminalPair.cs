using System.Runtime.InteropServices;

namespace Relaybox.Integration.Tests.Harness.Pty;

/// <summary>
/// A pty master (non-blocking, so reads and writes are bounded by poll) and a slave path for the child to
/// open. The pair also holds the slave open itself until <see cref="ReleaseSlave"/>: before the child has
/// opened it, a master with no slave reads EIO, which would look like the end of output.
/// </summary>
public sealed class PseudoTerminalPair : IDisposable
{
    // ptsname(3) returns a static buffer: one caller at a time in this process.
    private static readonly Lock PtsnameLock = new();

    private int masterFd;
    private int slaveFd;

    private PseudoTerminalPair(int masterFd, int slaveFd, string slavePath)
    {
        this.masterFd = masterFd;
        this.slaveFd = slaveFd;
        SlavePath = slavePath;
    }

    /// <summary>/dev/pts/N, what the child opens as its terminal.</summary>
    public string SlavePath { get; }

    public bool IsMasterOpen => Volatile.Read(ref masterFd) >= 0;

    public static PseudoTerminalPair Open(ushort rows, ushort columns)
    {
        // O_CLOEXEC at open, not later: a process started meanwhile by any thread of the test host would
        // inherit the master, and closing ours would then no longer hang the line up.
        int master = PtyLibc.PosixOpenpt(PtyLibc.O_RDWR | PtyLibc.O_NOCTTY | PtyLibc.O_CLOEXEC);
        if (master < 0)
        {
            throw Failure("posix_openpt");
        }

        try
        {
            Check(PtyLibc.Grantpt(master), "grantpt");
            Check(PtyLibc.Unlockpt(master), "unlockpt");
            string path = SlavePathOf(master);
            int flags = PtyLibc.Fcntl(master, PtyLibc.F_GETFL, 0);
            Check(flags, "fcntl F_GETFL");
            Check(PtyLibc.Fcntl(master, PtyLibc.F_SETFL, flags | PtyLibc.O_NONBLOCK), "fcntl F_SETFL");
            SetWindowSize(master, rows, columns);
            // O_NOCTTY: the test host must never take the child's terminal as its own.
            int slave = PtyLibc.Open(path, PtyLibc.O_RDWR | PtyLibc.O_NOCTTY | PtyLibc.O_CLOEXEC);
            if (slave < 0)
            {
                throw Failure($"open {path}");
            }

            return new PseudoTerminalPair(master, slave, path);
        }
        catch
        {
            PtyLibc.Close(master);
            throw;
        }
    }

    /// <summary>Waits up to the timeout for output (or the end of it); true if a read would not block.</summary>
    public bool WaitReadable(TimeSpan timeout) => PollMaster(PtyLibc.POLLIN, timeout);

    /// <summary>One non-blocking read into the buffer. EIO is how a master reports that no slave is open.</summary>
    public PtyReadOutcome Read(byte[] buffer, out int count)
    {
        count = 0;
        int fd = Volatile.Read(ref masterFd);
        if (fd < 0)
        {
            return PtyReadOutcome.End;
        }

        nint native = Marshal.AllocHGlobal(buffer.Length);
        try
        {
            while (true)
            {
                nint read = PtyLibc.Read(fd, native, (nuint)buffer.Length);
                if (read > 0)
                {
                    Marshal.Copy(native, buffer, 0, (int)read);
                    count = (int)read;
                    return PtyReadOutcome.Data;
                }

                if (read == 0)
                {
                    return PtyReadOutcome.End;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == PtyLibc.EINTR)
                {
                    continue;
                }

                return errno == PtyLibc.EAGAIN ? PtyReadOutcome.NothingYet : PtyReadOutcome.End;
            }
        }
        finally
        {
            Marshal.FreeHGlobal(native);
        }
    }

    /// <summary>
    /// Writes all bytes as typed input. Bounded: a program that stops reading fills the pty's input queue, and
    /// then this throws instead of hanging the test.
    /// </summary>
    public void Write(ReadOnlySpan<byte> bytes, TimeSpan timeout)
    {
        int fd = Volatile.Read(ref masterFd);
        if (fd < 0)
        {
            throw new InvalidOperationException("the terminal was hung up; nothing can be typed any more");
        }

        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        nint native = Marshal.AllocHGlobal(Math.Max(bytes.Length, 1));
        try
        {
            Marshal.Copy(bytes.ToArray(), 0, native, bytes.Length);
            int written = 0;
            while (written < bytes.Length)
            {
                nint result = PtyLibc.Write(fd, native + written, (nuint)(bytes.Length - written));
                if (result > 0)
                {
                    written += (int)result;
                    continue;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == PtyLibc.EINTR)
                {
                    continue;
                }

                if (errno != PtyLibc.EAGAIN)
                {
                    throw new IOException($"write to the pty master failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                }

                var remaining = TimeSpan.FromMilliseconds(deadline - Environment.TickCount64);
                if (remaining <= TimeSpan.Zero || !PollMaster(PtyLibc.POLLOUT, remaining))
                {
                    throw new TimeoutException($"the program did not read its terminal input within {timeout} ({written} of {bytes.Length} bytes typed)");
                }
            }
        }
        finally
        {
            Marshal.FreeHGlobal(native);
        }
    }

    /// <summary>Lets go of the pair's own slave descriptor, once the child is done with the terminal.</summary>
    public void ReleaseSlave() => CloseOnce(ref slaveFd);

    /// <summary>Closes the master: every process on the slave is hung up, as when a serial cable is pulled.</summary>
    public void CloseMaster() => CloseOnce(ref masterFd);

    public void Dispose()
    {
        CloseMaster();
        ReleaseSlave();
    }

    private bool PollMaster(short events, TimeSpan timeout)
    {
        int fd = Volatile.Read(ref masterFd);
        if (fd < 0)
        {
            return true;
        }

        nint pollFd = Marshal.AllocHGlobal(PtyLibc.PollFdSize);
        try
        {
            Marshal.WriteInt32(pollFd, 0, fd);
            Marshal.WriteInt16(pollFd, PtyLibc.PollFdEventsOffset, events);
            Marshal.WriteInt16(pollFd, PtyLibc.PollFdReventsOffset, 0);
            int ready = PtyLibc.Poll(pollFd, 1, (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue));
            if (ready < 0)
            {
                // EINTR: report "not ready"; every caller polls again within its own deadline.
                return false;
            }

            // POLLHUP/POLLERR/POLLNVAL count as ready: the read or write that follows reports what happened.
            return ready > 0;
        }
        finally
        {
            Marshal.FreeHGlobal(pollFd);
        }
    }

    private static void SetWindowSize(int fd, ushort rows, ushort columns)
    {
        nint winsize = Marshal.AllocHGlobal(PtyLibc.WinsizeSize);
        try
        {
            Marshal.WriteInt16(winsize, 0, (short)rows);
            Marshal.WriteInt16(winsize, 2, (short)columns);
            Marshal.WriteInt32(winsize, 4, 0);
            Check(PtyLibc.Ioctl(fd, PtyLibc.TIOCSWINSZ, winsize), "ioctl TIOCSWINSZ");
        }
        finally
        {
            Marshal.FreeHGlobal(winsize);
        }
    }

    private static string SlavePathOf(int master)
    {
        lock (PtsnameLock)
        {
            nint name = PtyLibc.Ptsname(master);
            if (name == 0)
            {
                throw Failure("ptsname");
            }

            return Marshal.PtrToStringUTF8(name) ?? throw Failure("ptsname");
        }
    }

    private static void CloseOnce(ref int fd)
    {
        int previous = Interlocked.Exchange(ref fd, -1);
        if (previous >= 0)
        {
            PtyLibc.Close(previous);
        }
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw Failure(call);
        }
    }

    private static IOException Failure(string call) => new($"{call} failed: {Marshal.GetLastPInvokeErrorMessage()}");
}
