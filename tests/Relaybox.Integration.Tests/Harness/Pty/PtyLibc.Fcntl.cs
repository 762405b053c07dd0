using System.Runtime.InteropServices;

namespace Relaybox.Integration.Tests.Harness.Pty;

internal static partial class PtyLibc
{
    internal const int F_GETFL = 3, F_SETFL = 4, O_NONBLOCK = 0x800; // x86_64 and arm64

    /// <summary>fcntl(2) with an integer argument.</summary>
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);
}
