using System.Runtime.InteropServices;

namespace Relaybox.Appliance.Console.Interop;

/// <summary>
/// Linux <c>struct termios</c> as glibc and musl lay it out on x86_64 and arm64 (termios(3)):
/// four tcflag_t (uint), c_line, c_cc[NCCS = 32], then c_ispeed and c_ospeed; 60 bytes.
/// Field names are the kernel's so the man page reads across.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios
{
    public uint c_iflag;
    public uint c_oflag;
    public uint c_cflag;
    public uint c_lflag;
    public byte c_line;
    public fixed byte c_cc[32];
    public uint c_ispeed;
    public uint c_ospeed;

    // c_lflag bits (asm-generic/termbits.h)
    public const uint ISIG = 0x1, ICANON = 0x2, ECHO = 0x8, ECHONL = 0x40, IEXTEN = 0x8000;
    // c_iflag bits
    public const uint ICRNL = 0x100, IXON = 0x400, INLCR = 0x40, IGNCR = 0x80;
    // c_oflag bits
    public const uint OPOST = 0x1;
    // c_cc indexes
    public const int VTIME = 5, VMIN = 6;
    // tcsetattr actions
    public const int TCSANOW = 0;
}
