using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>An owned Linux file descriptor; closing the handle closes it exactly once, even when disposed twice.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle(int descriptor)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(descriptor);
    }

    public override bool IsInvalid => (int)handle < 0;

    public int Descriptor => (int)handle;

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
