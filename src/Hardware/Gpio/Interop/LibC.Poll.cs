using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

internal static unsafe partial class LibC
{
    /// <summary>poll(2): the input watcher sleeps here between edges.</summary>
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);
}
