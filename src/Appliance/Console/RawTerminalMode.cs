using System.Runtime.InteropServices;
using Relaybox.Appliance.Console.Interop;

namespace Relaybox.Appliance.Console;

/// <summary>
/// Puts a real tty into raw, no-echo mode for <see cref="TerminalLineReader"/> and restores the saved
/// settings on Dispose (so a crash-free exit leaves the operator's terminal as it was).
/// Raw here means: no canonical line editing (we edit), no echo (we echo, or not for secrets), no signal
/// keys (Ctrl-C is a cancel, not SIGINT), no CR→NL translation (we see CR and LF as typed), no XON/XOFF,
/// and no output processing (OPOST off, as cfmakeraw(3)): bytes reach the line exactly as written, so
/// everything the console writes must end its lines with "\r\n" itself, as the reader's echo does
/// (with ONLCR left on, that "\r\n" would go out as "\r\r\n"). VMIN 1, VTIME 0: a read returns as
/// soon as one byte arrives.
/// </summary>
public sealed class RawTerminalMode : IDisposable
{
    readonly int _fd;
    readonly Termios _saved;
    bool _restored;

    RawTerminalMode(int fd, Termios saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>Switches <paramref name="fd"/> to raw mode. Throws IOException (with errno) when the
    /// descriptor is not a terminal or the settings cannot be changed.</summary>
    public static unsafe RawTerminalMode Enter(int fd)
    {
        if (Libc.Tcgetattr(fd, out Termios saved) != 0)
            throw Failure("tcgetattr", fd);
        Termios raw = saved;
        raw.c_lflag &= ~(Termios.ICANON | Termios.ECHO | Termios.ECHONL | Termios.ISIG | Termios.IEXTEN);
        raw.c_iflag &= ~(Termios.ICRNL | Termios.INLCR | Termios.IGNCR | Termios.IXON);
        raw.c_oflag &= ~Termios.OPOST;
        raw.c_cc[Termios.VMIN] = 1;
        raw.c_cc[Termios.VTIME] = 0;
        if (Libc.Tcsetattr(fd, Termios.TCSANOW, raw) != 0)
            throw Failure("tcsetattr", fd);
        return new RawTerminalMode(fd, saved);
    }

    /// <summary>Restores the settings saved by <see cref="Enter"/>; a hung-up line may refuse, which
    /// is ignored because there is no terminal left to restore.</summary>
    public void Dispose()
    {
        if (_restored)
            return;
        _restored = true;
        Libc.Tcsetattr(_fd, Termios.TCSANOW, _saved);
    }

    static IOException Failure(string call, int fd)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} on fd {fd} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }
}
