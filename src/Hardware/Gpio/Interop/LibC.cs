namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>
/// The libc calls the GPIO character device needs, one per file (LibC.*.cs), and the constants they use.
/// Blittable arguments only (ints, pointers, SafeHandle), so the declarations stay valid under
/// DisableRuntimeMarshalling and in a native-AOT build. "libc" resolves to libc.so.6.
/// </summary>
internal static partial class LibC
{
    public const int O_RDWR = 2;
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
}
