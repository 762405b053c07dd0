using System.Runtime.InteropServices;

namespace Relaybox.Appliance.Console.Interop;

internal static partial class Libc
{
    internal const int O_RDWR = 2, O_NOCTTY = 0x100; // same value on x86_64 and arm64

    /// <summary>posix_openpt(3): a pseudo-terminal master; the console tests drive a real tty with it.</summary>
    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    internal static partial int PosixOpenpt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    internal static partial int Grantpt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    internal static partial int Unlockpt(int fd);

    /// <summary>ptsname_r(3), the thread-safe form: writes the slave's path into the buffer.</summary>
    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    internal static unsafe partial int PtsnameR(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
