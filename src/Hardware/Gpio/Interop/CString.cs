using System.Text;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>Fixed-size, NUL-padded char arrays of the uAPI structs to and from .NET strings.</summary>
internal static unsafe class CString
{
    public static string Read(byte* buffer, int capacity)
    {
        var bytes = new ReadOnlySpan<byte>(buffer, capacity);
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    /// <summary>Copies at most capacity-1 bytes so the kernel always sees a terminated string.</summary>
    public static void Write(string text, byte* buffer, int capacity)
    {
        var target = new Span<byte>(buffer, capacity);
        target.Clear();
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bytes.AsSpan(0, Math.Min(bytes.Length, capacity - 1)).CopyTo(target);
    }
}
