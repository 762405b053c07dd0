using System.Text;
using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Delivery.Rewriting;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;
using Relaybox.Smtp.Tests.Queue;
using Relaybox.Smtp.Tests.Queue.Delivery;
using Serilog;

namespace Relaybox.Smtp.Tests.Delivery.Manager;

/// <summary>A queue manager over a real queue directory and spool, a scripted route and a clock the test moves.</summary>
internal sealed class ManagerFixture : IAsyncDisposable
{
    public const string Admin = "owner@example.org";
    public const string HostName = "relay.home.arpa";

    public ManagerFixture(QueueManagerOptions? options = null, TemporaryQueue? queue = null)
    {
        Queue = queue ?? new TemporaryQueue();
        Options = (options ?? QueueManagerOptions.Default) with { MaxIdle = TimeSpan.FromMilliseconds(20) };
        Spool = new NotifyingSpool(new Spool(Queue.Directory, Clock), message => Manager?.Enqueue(message));
        Manager = NewManager();
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    public TemporaryQueue Queue { get; }

    public QueueManagerOptions Options { get; }

    public ScriptedRoute Route { get; } = new();

    public NotifyingSpool Spool { get; }

    public QueueManager Manager { get; private set; }

    /// <summary>The file system the manager (not the spool) works through, counting what delivery writes.</summary>
    public CountingFileSystem DeliveryFiles { get; } = new();

    public QueueManager NewManager()
    {
        var rewriter = new MessageRewriter(new RecipientRewriter(Admin, HostName, ["lan"]), new SenderRewriter(SenderRewriteMap.Empty), new HeaderFixer(HostName));
        var bounces = new BounceSender(new BounceRecipientPolicy(new BounceRecipientOptions(Admin, d => d == "lan")),
            new DsnBuilder(new DsnOptions(HostName), Clock), Spool, HostName, Serilog.Core.Logger.None, Clock);
        return new QueueManager(Queue.Through(DeliveryFiles), new DeliverySetup(Route, rewriter, bounces, Options), Serilog.Core.Logger.None, Clock);
    }

    /// <summary>Stops the running manager and starts a fresh one over the same queue, as a daemon restart does.</summary>
    public async Task RestartAsync()
    {
        await Manager.StopAsync(TimeSpan.FromSeconds(5));
        await Manager.DisposeAsync();
        Manager = NewManager();
        Manager.Start();
    }

    public static byte[] Content(string subject) => Encoding.ASCII.GetBytes(
        $"From: scanner@example.com\r\nTo: bob@example.net\r\nSubject: {subject}\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n" +
        $"Message-ID: <{subject}@example.com>\r\n\r\nbody of {subject}\r\n");

    public async Task<string> SubmitAsync(string sender, IReadOnlyList<string> recipients, byte[] content)
    {
        var envelope = new Envelope(sender, [.. recipients.Select(r => new EnvelopeRecipient(r, DsnNotify.Default, null))], BodyType.SevenBit,
            false, DsnReturn.Unspecified, null, "scanner", "192.168.1.20", "scanner.lan", Clock.GetUtcNow());
        await using var incoming = Spool.Create();
        await incoming.WriteAsync(content, CancellationToken.None);
        await incoming.CommitAsync(envelope, CancellationToken.None);
        return incoming.Id;
    }

    public IReadOnlyList<QueuedMessage> In(QueueFolder folder) => new SpoolReader(Queue.Directory).List(folder).Messages;

    public DeliveryState StateOf(QueuedMessage message) => new DeliveryStateStore(Queue.Directory).Load(message);

    /// <summary>
    /// The one message in <paramref name="folder"/> and its state, once both files are there: a move renames the
    /// queue file first and the state file after it, so a reader between the two sees no state yet.
    /// </summary>
    public async Task<(QueuedMessage Message, DeliveryState State)> SettledInAsync(QueueFolder folder)
    {
        await EventuallyAsync(() => In(folder).Count == 1 && File.Exists(Queue.Directory.StatePath(folder, In(folder)[0].Id)),
            $"one message and its state are in {folder}");
        var message = In(folder)[0];
        return (message, StateOf(message));
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; fails the test otherwise.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting until " + what);
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until no message is due or in progress: the manager is idle.</summary>
    public async Task SettledAsync()
    {
        await EventuallyAsync(() => Manager.Summary() is { InProgress: 0 } s
            && In(QueueFolder.Active).Count == 0, "the manager is idle with active/ empty");
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        Queue.Dispose();
    }
}
