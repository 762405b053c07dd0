using System.Runtime.InteropServices;

namespace Relaybox.Appliance.Setup;

/// <summary>kill(2), to send the running daemon SIGHUP (reload) from the command line.</summary>
internal static partial class ProcessSignal
{
    /// <summary>SIGHUP on Linux (signal(7)).</summary>
    private const int SigHup = 1;

    /// <summary>True when the signal was delivered.</summary>
    public static bool SendHangup(int pid) => pid > 1 && Kill(pid, SigHup) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
