using System.Runtime.CompilerServices;
using Relaybox.Appliance.Console;
using Relaybox.Appliance.Console.Interop;

namespace Relaybox.Appliance.Tests.Console;

public sealed class RawTerminalModeTests
{
    [Fact]
    public void TermiosHasTheLinuxLayoutOf60Bytes()
    {
        Assert.Equal(60, Unsafe.SizeOf<Termios>());
    }

    [Fact]
    public unsafe void TcgetattrOnAFreshPtyShowsCanonicalEchoingDefaults()
    {
        using var pty = new PseudoTerminal();
        Assert.Equal(0, Libc.Tcgetattr(pty.SlaveFd, out Termios settings));
        // A new pty starts in the kernel's cooked mode; if the layout were off these bits would be garbage.
        Assert.NotEqual(0u, settings.c_lflag & Termios.ICANON);
        Assert.NotEqual(0u, settings.c_lflag & Termios.ECHO);
        Assert.NotEqual(0u, settings.c_lflag & Termios.ISIG);
        Assert.Equal(0x03, settings.c_cc[0]); // VINTR is Ctrl-C by default
    }

    [Fact]
    public unsafe void EnterMakesThePtyRawAndDisposeRestoresIt()
    {
        using var pty = new PseudoTerminal();
        Libc.Tcgetattr(pty.SlaveFd, out Termios before);

        using (RawTerminalMode.Enter(pty.SlaveFd))
        {
            Assert.Equal(0, Libc.Tcgetattr(pty.SlaveFd, out Termios raw));
            Assert.Equal(0u, raw.c_lflag & (Termios.ICANON | Termios.ECHO | Termios.ISIG | Termios.IEXTEN));
            Assert.Equal(0u, raw.c_iflag & (Termios.ICRNL | Termios.IXON));
            Assert.Equal(0u, raw.c_oflag & Termios.OPOST);
            Assert.Equal(1, raw.c_cc[Termios.VMIN]);
            Assert.Equal(0, raw.c_cc[Termios.VTIME]);
        }

        Assert.Equal(0, Libc.Tcgetattr(pty.SlaveFd, out Termios after));
        Assert.Equal(before.c_lflag, after.c_lflag);
        Assert.Equal(before.c_iflag, after.c_iflag);
        Assert.Equal(before.c_oflag, after.c_oflag);
        Assert.Equal(before.c_cc[Termios.VMIN], after.c_cc[Termios.VMIN]);
    }

    [Fact]
    public void EnterOnSomethingThatIsNotATerminalThrowsWithErrno()
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream();
        int fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        var error = Assert.Throws<IOException>(() => RawTerminalMode.Enter(fd));
        Assert.Contains("tcgetattr", error.Message);
        Assert.Contains("errno 25", error.Message); // ENOTTY
    }
}
