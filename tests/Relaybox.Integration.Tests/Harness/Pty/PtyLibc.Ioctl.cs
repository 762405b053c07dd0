using System.Runtime.InteropServices;

namespace Relaybox.Integration.Tests.Harness.Pty;

internal static partial class PtyLibc
{
    /// <summary>asm-generic/ioctls.h, used by both x86_64 and arm64.</summary>
    internal const nuint TIOCSWINSZ = 0x5414;

    /// <summary>sizeof(struct winsize): four unsigned shorts, rows, columns, x pixels, y pixels.</summary>
    internal const int WinsizeSize = 8;

    /// <summary>ioctl(2) with a pointer argument.</summary>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, nint argument);
}
