using System.Runtime.InteropServices;

namespace Relaybox.Appliance.Console.Interop;

internal static partial class Libc
{
    /// <summary>tcsetattr(3): 0 on success, -1 with errno set.</summary>
    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    internal static partial int Tcsetattr(int fd, int optionalActions, in Termios termios);
}
