using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

internal static unsafe partial class LibC
{
    /// <summary>write(2): one 8-byte counter increment wakes the watcher through its eventfd.</summary>
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeHandle fd, void* buffer, nuint count);
}
