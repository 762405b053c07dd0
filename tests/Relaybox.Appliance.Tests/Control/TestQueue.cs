using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>A data directory with a real queue and the demo configuration pointing at it, for the CLI verbs.</summary>
internal sealed class TestQueue : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly ControlTestDirectory directory = new();

    public TestQueue()
    {
        Config = ConfigLoader.Parse(DemoConfig.Text(directory.Path), DemoConfig.FileName).Config!;
        Queue = new QueueDirectory(Path.Combine(directory.Path, "queue"), PhysicalFileSystem.Instance);
        Queue.EnsureCreated();
    }

    public RelayboxConfig Config { get; }

    public QueueDirectory Queue { get; }

    public ControlTestDirectory Directory => directory;

    public static TimeProvider Clock { get; } = new FixedTimeProvider(Now);

    /// <summary>Queues one message that arrived <paramref name="age"/> ago, then moves it to <paramref name="folder"/>.</summary>
    public async Task<string> AddAsync(TimeSpan age, QueueFolder folder = QueueFolder.Active)
    {
        await using var message = new Spool(Queue, Clock).Create();
        await message.WriteAsync("Subject: toner low\r\n\r\nplease refill\r\n"u8.ToArray(), CancellationToken.None);
        var envelope = new Envelope("printer@lan.example", [new EnvelopeRecipient("admin@example.net", DsnNotify.Default, null)],
            BodyType.SevenBit, false, DsnReturn.Unspecified, null, null, "192.168.1.20", "printer", Now - age);
        await message.CommitAsync(envelope, CancellationToken.None);
        Queue.Move(message.Id, QueueFolder.Active, folder);
        return message.Id;
    }

    public DeliveryState LoadState(QueueFolder folder, string id) =>
        new DeliveryStateStore(Queue).Load(new SpoolReader(Queue).ReadOne(folder, id).Message!);

    public void SaveState(QueueFolder folder, string id, Func<DeliveryState, DeliveryState> change) =>
        new DeliveryStateStore(Queue).Save(folder, id, change(LoadState(folder, id)));

    public bool IsIn(QueueFolder folder, string id) => File.Exists(Queue.QueueFilePath(folder, id));

    public void Dispose() => directory.Dispose();

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
