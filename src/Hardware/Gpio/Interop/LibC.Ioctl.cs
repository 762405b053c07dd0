using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

internal static unsafe partial class LibC
{
    /// <summary>ioctl(2): every GPIO_* request; the argument is a pointer to the uAPI struct.</summary>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(SafeHandle fd, nuint request, void* argument);
}
