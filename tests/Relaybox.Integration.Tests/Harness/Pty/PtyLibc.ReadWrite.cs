using System.Runtime.InteropServices;

namespace Relaybox.Integration.Tests.Harness.Pty;

internal static partial class PtyLibc
{
    internal const int EINTR = 4, EIO = 5, EAGAIN = 11; // asm-generic/errno-base.h

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, nint buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, nint buffer, nuint count);
}
