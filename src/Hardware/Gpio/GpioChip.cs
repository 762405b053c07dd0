using Relaybox.Hardware.Gpio.Interop;

namespace Relaybox.Hardware.Gpio;

/// <summary>
/// One open GPIO character device (/dev/gpiochipN, uAPI v2). It answers questions about its lines and hands out line
/// requests; a requested line lives on its own descriptor, so it outlives the chip object and is released only by
/// disposing the line.
/// </summary>
public sealed unsafe class GpioChip : IDisposable
{
    public const string DefaultConsumer = "relaybox";

    private readonly FileDescriptorHandle _descriptor;

    private GpioChip(string path, FileDescriptorHandle descriptor, GpioChipInfo info)
    {
        Path = path;
        _descriptor = descriptor;
        Info = info;
    }

    public string Path { get; }

    public GpioChipInfo Info { get; }

    /// <summary>Opens a chip by path; throws <see cref="GpioException"/> naming the path and errno when it cannot.</summary>
    public static GpioChip Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileDescriptorHandle descriptor = OpenDescriptor(path);
        try
        {
            GpioChipInfoStruct raw;
            if (LibC.Ioctl(descriptor, GpioIoctl.GetChipInfo, &raw) < 0)
            {
                int errno = Errno.Last();
                throw errno == LibC.ENOTTY
                    ? new GpioException($"{path} is not a GPIO character device: {Errno.Describe(errno)}", errno)
                    : Errno.Exception($"{path}: reading the chip info failed", errno);
            }

            var info = new GpioChipInfo(path, CString.Read(raw.Name, GpioUapi.MaxNameSize), CString.Read(raw.Label, GpioUapi.MaxNameSize), (int)raw.Lines);
            return new GpioChip(path, descriptor, info);
        }
        catch
        {
            descriptor.Dispose();
            throw;
        }
    }

    /// <summary>The first chip (in /dev/gpiochipN order) whose label is <paramref name="label"/>, or null. Chips that cannot be opened are skipped.</summary>
    public static GpioChip? Find(string label, string deviceDirectory = GpioChipPaths.DeviceDirectory)
    {
        foreach (string path in GpioChipPaths.List(deviceDirectory))
        {
            GpioChip chip;
            try
            {
                chip = Open(path);
            }
            catch (GpioException)
            {
                continue;
            }

            if (string.Equals(chip.Info.Label, label, StringComparison.Ordinal))
            {
                return chip;
            }

            chip.Dispose();
        }

        return null;
    }

    public GpioLineInfo GetLineInfo(int offset)
    {
        CheckOffset(offset);
        GpioLineInfoStruct raw = default;
        raw.Offset = (uint)offset;
        if (LibC.Ioctl(_descriptor, GpioIoctl.GetLineInfo, &raw) < 0)
        {
            throw Errno.Exception($"{Path} line {offset}: reading the line info failed", Errno.Last());
        }

        return new GpioLineInfo(offset, CString.Read(raw.Name, GpioUapi.MaxNameSize), CString.Read(raw.Consumer, GpioUapi.MaxNameSize), (GpioLineFlags)raw.Flags);
    }

    /// <summary>The offset of the line named <paramref name="name"/> (exact, case-sensitive, as the kernel has it), or null.</summary>
    public int? FindLine(string name)
    {
        for (int offset = 0; offset < Info.LineCount; offset++)
        {
            if (string.Equals(GetLineInfo(offset).Name, name, StringComparison.Ordinal))
            {
                return offset;
            }
        }

        return null;
    }

    /// <summary>Requests one line as an output; the kernel applies <paramref name="activeLow"/>, so Set(true) drives the active level.</summary>
    public GpioOutputLine RequestOutput(int offset, bool activeLow, bool initiallyActive = false, string consumer = DefaultConsumer)
    {
        CheckOffset(offset);
        return GpioOutputLine.Request(this, offset, activeLow, initiallyActive, consumer);
    }

    /// <summary>
    /// Requests one line as an input reporting both edges. A debounce above zero is asked of the kernel; when the kernel
    /// refuses it, the line debounces in software instead (see README).
    /// </summary>
    public GpioInputLine RequestInput(int offset, bool activeLow, LineBias bias, TimeSpan debounce, string consumer = DefaultConsumer)
    {
        CheckOffset(offset);
        return GpioInputLine.Request(this, offset, activeLow, bias, debounce, consumer);
    }

    public void Dispose() => _descriptor.Dispose();

    /// <summary>Issues GPIO_V2_GET_LINE_IOCTL; on failure returns the errno and no handle.</summary>
    internal FileDescriptorHandle? TryRequestLine(ref GpioLineRequestStruct request, out int errno)
    {
        fixed (GpioLineRequestStruct* pointer = &request)
        {
            if (LibC.Ioctl(_descriptor, GpioIoctl.GetLine, pointer) < 0)
            {
                errno = Errno.Last();
                return null;
            }
        }

        errno = 0;
        return new FileDescriptorHandle(request.Fd);
    }

    internal string Describe(int offset)
    {
        string name;
        try
        {
            name = GetLineInfo(offset).Name;
        }
        catch (GpioException)
        {
            name = "";
        }

        return name.Length == 0 ? $"{Path} line {offset}" : $"{Path} line {offset} ({name})";
    }

    private static FileDescriptorHandle OpenDescriptor(string path)
    {
        byte[] pathBytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        int fd;
        fixed (byte* pathPointer = pathBytes)
        {
            fd = LibC.Open(pathPointer, LibC.O_RDWR | LibC.O_CLOEXEC);
        }

        if (fd < 0)
        {
            throw Errno.Exception($"cannot open GPIO chip {path}", Errno.Last());
        }

        return new FileDescriptorHandle(fd);
    }

    private void CheckOffset(int offset)
    {
        ObjectDisposedException.ThrowIf(_descriptor.IsClosed, this);
        if (offset < 0 || offset >= Info.LineCount)
        {
            throw new GpioException($"{Path} ({Info.Label}) has lines 0-{Info.LineCount - 1}; there is no line {offset}");
        }
    }
}
