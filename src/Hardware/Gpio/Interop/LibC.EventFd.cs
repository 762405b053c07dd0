using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

internal static unsafe partial class LibC
{
    /// <summary>eventfd(2): the watcher's wake-up descriptor.</summary>
    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);
}
