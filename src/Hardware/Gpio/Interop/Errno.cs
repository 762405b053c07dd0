using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>Turns the last P/Invoke errno into a <see cref="GpioException"/> whose message says what failed and why.</summary>
internal static class Errno
{
    public static int Last() => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) =>
        errno switch
        {
            // Kernel-internal code without a libc string; gpiolib returns it for unsupported configurations.
            LibC.ENOTSUPP => "Operation not supported by the driver (errno 524)",
            _ => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})",
        };

    public static GpioException Exception(string what, int errno) => new($"{what}: {Describe(errno)}", errno);
}
