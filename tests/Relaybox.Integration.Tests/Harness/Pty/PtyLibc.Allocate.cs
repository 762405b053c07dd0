using System.Runtime.InteropServices;

namespace Relaybox.Integration.Tests.Harness.Pty;

/// <summary>
/// The libc calls behind <see cref="PseudoTerminalPair"/>, one concern per file. Every signature is blittable
/// (pointers as nint) so the generated stubs need no unsafe code in this project.
/// </summary>
internal static partial class PtyLibc
{
    internal const int O_RDWR = 2, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000; // same values on x86_64 and arm64

    /// <summary>posix_openpt(3): a new pseudo-terminal master.</summary>
    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    internal static partial int PosixOpenpt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    internal static partial int Grantpt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    internal static partial int Unlockpt(int fd);

    /// <summary>
    /// ptsname(3): the slave's path in a static buffer. Not ptsname_r: its buffer argument would need a pinned
    /// pointer, i.e. unsafe code; callers serialise on a lock instead.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "ptsname", SetLastError = true)]
    internal static partial nint Ptsname(int fd);
}
