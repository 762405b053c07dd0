using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

internal static unsafe partial class LibC
{
    /// <summary>close(2): used only by FileDescriptorHandle.</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
