using System.Runtime.InteropServices;

namespace Relaybox.Integration.Tests.Harness.Pty;

internal static partial class PtyLibc
{
    internal const short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;

    /// <summary>sizeof(struct pollfd): int fd, short events, short revents.</summary>
    internal const int PollFdSize = 8, PollFdEventsOffset = 4, PollFdReventsOffset = 6;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(nint fds, nuint count, int timeoutMilliseconds);
}
