namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>
/// The uAPI v2 ioctl request numbers, computed from the asm-generic _IOC encoding that x86_64, arm64 and armhf share:
/// nr in bits 0-7, type in 8-15, size in 16-29, direction in 30-31 (WRITE = 1, READ = 2). Computing them from the
/// struct sizes keeps the numbers and the layouts from drifting apart.
/// </summary>
internal static unsafe class GpioIoctl
{
    private const uint GpioType = 0xB4;
    private const uint DirectionWrite = 1;
    private const uint DirectionRead = 2;

    public static readonly uint GetChipInfo = Encode(DirectionRead, 0x01, (uint)sizeof(GpioChipInfoStruct));
    public static readonly uint GetLineInfo = Encode(DirectionRead | DirectionWrite, 0x05, (uint)sizeof(GpioLineInfoStruct));
    public static readonly uint GetLine = Encode(DirectionRead | DirectionWrite, 0x07, (uint)sizeof(GpioLineRequestStruct));
    public static readonly uint SetConfig = Encode(DirectionRead | DirectionWrite, 0x0D, (uint)sizeof(GpioLineConfigStruct));
    public static readonly uint GetValues = Encode(DirectionRead | DirectionWrite, 0x0E, (uint)sizeof(GpioLineValuesStruct));
    public static readonly uint SetValues = Encode(DirectionRead | DirectionWrite, 0x0F, (uint)sizeof(GpioLineValuesStruct));

    public static uint Encode(uint direction, uint number, uint size) =>
        (direction << 30) | ((size & 0x3FFF) << 16) | (GpioType << 8) | number;
}
