using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>
/// The libc calls the GPIO character device needs. Blittable arguments only (ints, pointers, SafeHandle), so the
/// declarations stay valid under DisableRuntimeMarshalling and in a native-AOT build. "libc" resolves to libc.so.6.
/// </summary>
internal static unsafe partial class LibC
{
    public const int O_RDWR = 2;
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;
    public const short POLLIN = 1;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;
    /// <summary>The kernel-internal "not supported" code that gpiolib can hand back to user space (not in libc headers).</summary>
    public const int ENOTSUPP = 524;
    public const int EOPNOTSUPP = 95;
    public const int EFD_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(SafeHandle fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(SafeHandle fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeHandle fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    /// <summary>struct pollfd: int fd; short events; short revents (8 bytes on every Linux ABI).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
