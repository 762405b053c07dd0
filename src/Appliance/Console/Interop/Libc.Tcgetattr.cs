using System.Runtime.InteropServices;

namespace Relaybox.Appliance.Console.Interop;

internal static partial class Libc
{
    /// <summary>tcgetattr(3): 0 on success, -1 with errno set.</summary>
    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    internal static partial int Tcgetattr(int fd, out Termios termios);
}
