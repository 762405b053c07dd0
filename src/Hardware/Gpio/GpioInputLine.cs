using System.Diagnostics;
using System.Threading.Channels;
using Relaybox.Hardware.Gpio.Interop;

namespace Relaybox.Hardware.Gpio;

/// <summary>
/// One requested input line reporting both edges. A dedicated thread sleeps in poll(2) on the request descriptor and
/// an eventfd; the kernel wakes it for edge events, Dispose wakes it through the eventfd. Edges go into a small
/// bounded queue (oldest dropped first) that <see cref="WaitForEdgeAsync"/> awaits, so waiting never polls.
/// </summary>
public sealed class GpioInputLine : IInputLine
{
    /// <summary>Edges kept for a slow reader; a button produces a handful per press, so 64 is plenty.</summary>
    private const int QueueCapacity = 64;
    private const int EventsPerRead = 16;
    private const short PollErrorOrHangUp = 0x8 | 0x10;

    private readonly FileDescriptorHandle _request;
    private readonly FileDescriptorHandle _wake;
    private readonly SoftwareDebouncer? _debouncer;
    private readonly Channel<LineEdge> _edges = Channel.CreateBounded<LineEdge>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = true });
    private readonly Thread _watcher;
    private int _disposed;

    private GpioInputLine(string name, string description, FileDescriptorHandle request, FileDescriptorHandle wake, TimeSpan softwareDebounce)
    {
        Name = name;
        Description = description;
        _request = request;
        _wake = wake;
        if (softwareDebounce > TimeSpan.Zero)
        {
            _debouncer = new SoftwareDebouncer(softwareDebounce, ReadLevel());
        }

        _watcher = new Thread(Watch) { IsBackground = true, Name = $"gpio {name}" };
        _watcher.Start();
    }

    public string Name { get; }

    /// <summary>Chip path, offset and name, for error messages.</summary>
    public string Description { get; }

    /// <summary>True when the kernel refused the DEBOUNCE attribute and this line debounces in software.</summary>
    public bool DebouncesInSoftware => _debouncer is not null;

    public bool IsActive
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return ReadLevel();
        }
    }

    public async ValueTask<LineEdge> WaitForEdgeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            return await _edges.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException closed)
        {
            if (closed.InnerException is GpioException failure)
            {
                throw new GpioException(failure.Message, failure.Errno);
            }

            throw new ObjectDisposedException(nameof(GpioInputLine), $"{Description} was released while waiting for an edge");
        }
    }

    /// <summary>Wakes and joins the watcher, then closes the descriptors (the kernel releases the line). Safe to call twice.</summary>
    public unsafe void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ulong one = 1;
        _ = LibC.Write(_wake, &one, sizeof(ulong));
        if (Thread.CurrentThread != _watcher)
        {
            _watcher.Join();
        }

        _edges.Writer.TryComplete();
        _request.Dispose();
        _wake.Dispose();
    }

    internal static GpioInputLine Request(GpioChip chip, int offset, bool activeLow, LineBias bias, TimeSpan debounce, string consumer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(debounce, TimeSpan.Zero);
        GpioLineFlags flags = GpioLineFlags.Input | GpioLineFlags.EdgeRising | GpioLineFlags.EdgeFalling
            | (activeLow ? GpioLineFlags.ActiveLow : GpioLineFlags.None) | BiasFlag(bias);
        string description = chip.Describe(offset);

        GpioLineRequestStruct request = LineRequestBuilder.SingleLine(offset, flags, consumer);
        TimeSpan softwareDebounce = TimeSpan.Zero;
        int errno = 0;
        FileDescriptorHandle? handle = null;
        if (debounce > TimeSpan.Zero)
        {
            LineRequestBuilder.AddDebounce(ref request, debounce);
            handle = chip.TryRequestLine(ref request, out errno);
            if (handle is null && IsRefusedAttribute(errno))
            {
                // The kernel (or driver) cannot debounce: ask again without the attribute and debounce here.
                request = LineRequestBuilder.SingleLine(offset, flags, consumer);
                softwareDebounce = debounce;
            }
        }

        handle ??= chip.TryRequestLine(ref request, out errno)
            ?? throw Errno.Exception($"{description}: request as input failed", errno);

        int wakeDescriptor = LibC.EventFd(0, LibC.EFD_CLOEXEC);
        if (wakeDescriptor < 0)
        {
            int wakeErrno = Errno.Last();
            handle.Dispose();
            throw Errno.Exception($"{description}: creating the wake-up eventfd failed", wakeErrno);
        }

        var wake = new FileDescriptorHandle(wakeDescriptor);
        try
        {
            return new GpioInputLine(GpioOutputLine.NameOf(chip, offset), description, handle, wake, softwareDebounce);
        }
        catch
        {
            wake.Dispose();
            handle.Dispose();
            throw;
        }
    }

    internal static bool IsRefusedAttribute(int errno) => errno is LibC.EINVAL or LibC.ENOTSUPP or LibC.EOPNOTSUPP;

    private static GpioLineFlags BiasFlag(LineBias bias) =>
        bias switch
        {
            LineBias.PullUp => GpioLineFlags.BiasPullUp,
            LineBias.PullDown => GpioLineFlags.BiasPullDown,
            LineBias.Disabled => GpioLineFlags.BiasDisabled,
            _ => GpioLineFlags.None,
        };

    /// <summary>CLOCK_MONOTONIC, the clock of the kernel's event timestamps (Stopwatch reads it on Linux).</summary>
    private static TimeSpan MonotonicNow() => TimeSpan.FromSeconds(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);

    private unsafe bool ReadLevel()
    {
        var values = new GpioLineValuesStruct { Mask = 1 };
        if (LibC.Ioctl(_request, GpioIoctl.GetValues, &values) < 0)
        {
            throw Errno.Exception($"{Description}: reading the level failed", Errno.Last());
        }

        return (values.Bits & 1) != 0;
    }

    private void Watch()
    {
        GpioException? failure = null;
        try
        {
            failure = WatchUntilWoken();
        }
        finally
        {
            _edges.Writer.TryComplete(failure);
        }
    }

    private unsafe GpioException? WatchUntilWoken()
    {
        PollFd* descriptors = stackalloc PollFd[2];
        GpioLineEventStruct* events = stackalloc GpioLineEventStruct[EventsPerRead];
        while (true)
        {
            descriptors[0] = new PollFd { Fd = _request.Descriptor, Events = LibC.POLLIN };
            descriptors[1] = new PollFd { Fd = _wake.Descriptor, Events = LibC.POLLIN };
            int ready = LibC.Poll(descriptors, 2, PollTimeoutMilliseconds());
            if (ready < 0)
            {
                int errno = Errno.Last();
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                return Errno.Exception($"{Description}: waiting for edges failed", errno);
            }

            if (descriptors[1].ReturnedEvents != 0)
            {
                return null;
            }

            if ((descriptors[0].ReturnedEvents & LibC.POLLIN) != 0)
            {
                nint bytes = LibC.Read(_request, events, (nuint)(sizeof(GpioLineEventStruct) * EventsPerRead));
                if (bytes < 0)
                {
                    int errno = Errno.Last();
                    if (errno is LibC.EINTR or LibC.EAGAIN)
                    {
                        continue;
                    }

                    return Errno.Exception($"{Description}: reading edge events failed", errno);
                }

                for (int i = 0; i < bytes / sizeof(GpioLineEventStruct); i++)
                {
                    Accept(ToEdge(events[i]));
                }
            }
            else if ((descriptors[0].ReturnedEvents & PollErrorOrHangUp) != 0)
            {
                return new GpioException($"{Description}: the line request reported an error or hang-up");
            }

            if (_debouncer?.Settle(MonotonicNow()) is { } settled)
            {
                _edges.Writer.TryWrite(settled);
            }
        }
    }

    private int PollTimeoutMilliseconds()
    {
        if (_debouncer?.Deadline is not { } deadline)
        {
            return -1;
        }

        double remaining = (deadline - MonotonicNow()).TotalMilliseconds;
        return remaining <= 0 ? 0 : (int)Math.Ceiling(remaining);
    }

    private void Accept(LineEdge edge)
    {
        if (_debouncer is null)
        {
            _edges.Writer.TryWrite(edge);
        }
        else
        {
            _debouncer.Observe(edge.Active, edge.Timestamp);
        }
    }

    /// <summary>With ACTIVE_LOW the kernel already reports edges in logical terms: rising = became active.</summary>
    internal static LineEdge ToEdge(in GpioLineEventStruct raw) =>
        new(raw.Id == GpioUapi.EventRisingEdge, TimeSpan.FromTicks((long)(raw.TimestampNanoseconds / 100)));
}
