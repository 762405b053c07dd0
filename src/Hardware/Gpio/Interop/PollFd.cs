using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>struct pollfd: int fd; short events; short revents (8 bytes on every Linux ABI).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
