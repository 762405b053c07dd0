namespace Relaybox.Hardware.Gpio;

/// <summary>One line of a chip as the kernel reports it; <see cref="Consumer"/> is empty while nobody holds it.</summary>
public sealed record GpioLineInfo(int Offset, string Name, string Consumer, GpioLineFlags Flags)
{
    public bool IsUsed => (Flags & GpioLineFlags.Used) != 0;
}
