using System.Runtime.InteropServices;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>kill(2), for SIGHUP and SIGTERM (Process.Kill only sends SIGKILL).</summary>
public static partial class ProcessSignals
{
    public static void Send(int pid, ProcessSignal signal)
    {
        if (Kill(pid, (int)signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
