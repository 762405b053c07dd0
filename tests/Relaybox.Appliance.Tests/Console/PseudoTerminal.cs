using System.Runtime.InteropServices;
using System.Text;
using Relaybox.Appliance.Console.Interop;

namespace Relaybox.Appliance.Tests.Console;

/// <summary>A real pty pair (posix_openpt, grantpt, unlockpt, ptsname_r, open) for testing tty settings.</summary>
sealed unsafe class PseudoTerminal : IDisposable
{
    public int MasterFd { get; }
    public int SlaveFd { get; }

    public PseudoTerminal()
    {
        MasterFd = Libc.PosixOpenpt(Libc.O_RDWR | Libc.O_NOCTTY);
        Assert.True(MasterFd >= 0, $"posix_openpt errno {Marshal.GetLastPInvokeError()}");
        Assert.Equal(0, Libc.Grantpt(MasterFd));
        Assert.Equal(0, Libc.Unlockpt(MasterFd));
        byte* name = stackalloc byte[128];
        Assert.Equal(0, Libc.PtsnameR(MasterFd, name, 128));
        string path = Encoding.UTF8.GetString(new ReadOnlySpan<byte>(name, 128).TrimEnd((byte)0).ToArray()).Split('\0')[0];
        Assert.StartsWith("/dev/pts/", path);
        SlaveFd = Libc.Open(path, Libc.O_RDWR | Libc.O_NOCTTY);
        Assert.True(SlaveFd >= 0, $"open {path} errno {Marshal.GetLastPInvokeError()}");
    }

    public void Dispose()
    {
        Libc.Close(SlaveFd);
        Libc.Close(MasterFd);
    }
}
