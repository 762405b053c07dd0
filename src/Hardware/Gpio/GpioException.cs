namespace Relaybox.Hardware.Gpio;

/// <summary>
/// A GPIO call failed: the message names the chip (and line, when there is one), the operation and the errno text,
/// e.g. "/dev/gpiochip0 line 17 (GPIO17): request as output failed: Device or resource busy (errno 16)".
/// </summary>
public sealed class GpioException : IOException
{
    public GpioException(string message, int errno)
        : base(message)
    {
        Errno = errno;
    }

    public GpioException(string message)
        : base(message)
    {
    }

    /// <summary>The errno of the failed call, 0 when the failure is not a system call's.</summary>
    public int Errno { get; }
}
