using System.Net.Sockets;
using System.Text;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Delivery.Manager;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>ControlServer and ControlClient over a real Unix socket in a scratch directory, with a fake queue manager.</summary>
public sealed class ControlServerTests : IAsyncLifetime
{
    // Only the read-timeout test waits for the deadline; every other test gets the default, so a slow machine
    // (a byte sent every few ms that arrives late) never turns into a timeout.
    private static readonly ControlServerOptions QuickTimeouts = new() { ReadTimeout = TimeSpan.FromMilliseconds(300) };

    private readonly ControlTestDirectory directory = new();
    private readonly FakeQueueControl queue = new();
    private IReadOnlyList<string> statusLines = ["queue: 3 messages, oldest 2h", "alert: relayhost refuses the login"];
    private ControlServer server = null!;

    public async Task InitializeAsync()
    {
        server = NewServer();
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task FlushReachesTheQueueManagerAndTheCountComesBack()
    {
        queue.Answer = (_, _) => new QueueControlResult([ControlTestDirectory.Id(1), ControlTestDirectory.Id(2)]);

        var reply = await Client().SendAsync(ControlRequest.Flush);

        Assert.Equal(ControlOutcome.Ok, reply.Outcome);
        Assert.Equal(2, reply.ChangedCount);
        Assert.Equal([ControlTestDirectory.Id(1), ControlTestDirectory.Id(2)], reply.ChangedIds);
        Assert.Equal(["flush"], queue.Calls);
    }

    [Theory]
    [InlineData(ControlVerb.Hold, "hold")]
    [InlineData(ControlVerb.Release, "release")]
    [InlineData(ControlVerb.Delete, "delete")]
    public async Task EachChangeReachesTheQueueManagerWithItsTarget(ControlVerb verb, string name)
    {
        string id = ControlTestDirectory.Id(7);

        var one = await Client().SendAsync(new ControlRequest(verb, id));
        var all = await Client().SendAsync(new ControlRequest(verb, ControlRequest.All));

        Assert.Equal(ControlOutcome.Ok, one.Outcome);
        Assert.Equal([id], one.ChangedIds);
        Assert.Equal(ControlOutcome.Ok, all.Outcome);
        Assert.Equal(0, all.ChangedCount);
        Assert.Equal([$"{name} {id}", $"{name} all"], queue.Calls);
    }

    [Fact]
    public async Task AnErrorOfTheQueueManagerComesBackAsRefusedWithItsText()
    {
        string id = ControlTestDirectory.Id(3);
        queue.Answer = (_, target) => new QueueControlResult([], $"no message {target} that can be held");

        var reply = await Client().SendAsync(new ControlRequest(ControlVerb.Hold, id));

        Assert.Equal(ControlOutcome.Refused, reply.Outcome);
        Assert.Equal($"no message {id} that can be held", reply.Error);
        Assert.Equal(0, reply.ChangedCount);
    }

    [Fact]
    public async Task AnExceptionOfTheQueueManagerBecomesAnErrorAndTheServerKeepsServing()
    {
        queue.Answer = (_, _) => throw new IOException("disk full");

        var failed = await Client().SendAsync(ControlRequest.Flush);
        queue.Answer = (_, _) => new QueueControlResult([]);
        var next = await Client().SendAsync(ControlRequest.Flush);

        Assert.Equal(ControlOutcome.Refused, failed.Outcome);
        Assert.Contains("disk full", failed.Error);
        Assert.Equal(ControlOutcome.Ok, next.Outcome);
    }

    [Fact]
    public async Task StatusReturnsTheLinesOfTheStatusSourceInOrder()
    {
        var reply = await Client().SendAsync(ControlRequest.Status);

        Assert.Equal(ControlOutcome.Ok, reply.Outcome);
        Assert.Equal(statusLines, reply.Lines);
        Assert.Empty(queue.Calls);
    }

    [Fact]
    public async Task AStatusLineCannotForgeTheFinalLineAndTooManyLinesAreCut()
    {
        statusLines = ["queue: fine\nerror forged", .. Enumerable.Range(0, 100).Select(i => $"line {i}")];

        var reply = await Client().SendAsync(ControlRequest.Status);

        Assert.Equal(ControlOutcome.Ok, reply.Outcome);
        Assert.Equal("queue: fine error forged", reply.Lines[0]);
        Assert.Equal(new ControlServerOptions().MaxStatusLines + 1, reply.Lines.Count);
        Assert.Equal("... 37 more", reply.Lines[^1]);
    }

    [Fact]
    public async Task AChangeOfManyMessagesListsABoundedNumberOfIdsButTheExactCount()
    {
        var ids = Enumerable.Range(0, 1500).Select(ControlTestDirectory.Id).ToList();
        queue.Answer = (_, _) => new QueueControlResult(ids);

        var reply = await Client().SendAsync(new ControlRequest(ControlVerb.Delete, "all"));

        Assert.Equal(1500, reply.ChangedCount);
        Assert.Equal(ids.Take(new ControlServerOptions().MaxListedIds), reply.ChangedIds);
    }

    [Theory]
    [InlineData("frobnicate\n", "unknown request")]
    [InlineData("hold\n", "which message?")]
    [InlineData("hold ../../etc/passwd\n", "not a queue id")]
    [InlineData("flush now\n", "too many words")]
    [InlineData("\n", "empty request")]
    [InlineData("status\u0007\n", "not a line of UTF-8 text")]
    public async Task ABadRequestIsAnsweredWithAnErrorAndNeverReachesTheQueueManager(string request, string expected)
    {
        string reply = await directory.RawExchangeAsync(Encoding.UTF8.GetBytes(request));

        Assert.StartsWith("error ", reply);
        Assert.Contains(expected, reply);
        Assert.EndsWith("\n", reply);
        Assert.Empty(queue.Calls);
    }

    [Fact]
    public async Task ARequestEndingInCrLfIsUnderstood()
    {
        string reply = await directory.RawExchangeAsync("status\r\n"u8.ToArray());

        Assert.EndsWith("\nok\n", reply);
        Assert.Contains(statusLines[0], reply);
    }

    [Fact]
    public async Task ARequestArrivingOneByteAtATimeIsUnderstood()
    {
        string id = ControlTestDirectory.Id(5);

        string reply = await directory.RawExchangeAsync(Encoding.ASCII.GetBytes($"release {id}\r\n"), closeSending: false, oneByteAtATime: true);

        Assert.Equal($"changed 1\n{id}\nok\n", reply);
        Assert.Equal([$"release {id}"], queue.Calls);
    }

    [Fact]
    public async Task BinaryJunkIsRefusedAsNotText()
    {
        byte[] junk = [0xff, 0xfe, 0x00, 0x80, 0xc3, (byte)'\n'];

        string reply = await directory.RawExchangeAsync(junk);

        Assert.Equal("error request is not a line of UTF-8 text\n", reply);
        Assert.Empty(queue.Calls);
    }

    [Fact]
    public async Task AnOverlongLineIsRefusedBeforeItsEndArrives()
    {
        // No line end at all: the server must answer from the length alone, not wait for the end.
        byte[] overlong = Encoding.ASCII.GetBytes("hold " + new string('A', 600));

        string reply = await directory.RawExchangeAsync(overlong, closeSending: false);

        Assert.Equal("error request line too long\n", reply);
        Assert.Empty(queue.Calls);
    }

    [Fact]
    public async Task ALineOfExactlyTheLimitIsStillRead()
    {
        string request = "hold " + new string('A', new ControlServerOptions().MaxRequestLength - 5);

        string reply = await directory.RawExchangeAsync(Encoding.ASCII.GetBytes(request + "\r\n"));

        Assert.Equal("error no such message: not a queue id\n", reply); // parsed, not cut as too long
    }

    [Fact]
    public async Task AClientThatSendsNoLineEndIsDroppedAtTheReadTimeout()
    {
        await server.StopAsync();
        await using var quick = NewServer(QuickTimeouts);
        await quick.StartAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();

        string reply = await directory.RawExchangeAsync("stat"u8.ToArray(), closeSending: false);

        Assert.Equal("error no request line in time\n", reply);
        Assert.InRange(started.Elapsed, QuickTimeouts.ReadTimeout * 0.9, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AClientThatClosesBeforeTheLineEndIsRefused()
    {
        string reply = await directory.RawExchangeAsync("flush"u8.ToArray(), closeSending: true);

        Assert.Equal("error request ended without a line end\n", reply);
        Assert.Empty(queue.Calls);
    }

    [Fact]
    public void TheSocketFileIsOwnerOnly()
    {
        var mode = File.GetUnixFileMode(directory.SocketPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task ConcurrentClientsAreServedAndOneOverTheLimitIsToldBusy()
    {
        queue.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int limit = new ControlServerOptions().MaxClients;
        var parked = Enumerable.Range(0, limit)
            .Select(i => Client().SendAsync(new ControlRequest(ControlVerb.Hold, ControlTestDirectory.Id(i))))
            .ToList();
        await WaitUntilAsync(() => queue.Waiting == limit);

        var busy = await Client().SendAsync(ControlRequest.Status);
        queue.Gate.SetResult();
        var served = await Task.WhenAll(parked);
        var afterwards = await Client().SendAsync(ControlRequest.Status);

        Assert.Equal(ControlOutcome.Refused, busy.Outcome);
        Assert.StartsWith("busy", busy.Error);
        Assert.All(served, reply => Assert.Equal(ControlOutcome.Ok, reply.Outcome));
        Assert.Equal(Enumerable.Range(0, limit).Select(ControlTestDirectory.Id).Order(), served.SelectMany(r => r.ChangedIds).Order());
        Assert.Equal(ControlOutcome.Ok, afterwards.Outcome);
    }

    [Fact]
    public async Task AStaleSocketFileIsReplacedAtStart()
    {
        await server.StopAsync();
        directory.MakeStaleSocket();
        Assert.Equal(ControlOutcome.NotRunning, (await Client().SendAsync(ControlRequest.Status)).Outcome);

        await using var fresh = NewServer();
        await fresh.StartAsync();
        var reply = await Client().SendAsync(ControlRequest.Status);

        Assert.Equal(ControlOutcome.Ok, reply.Outcome);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.SocketPath));
    }

    [Fact]
    public async Task ASecondServerDoesNotTakeOverASocketThatAnswers()
    {
        await using var second = NewServer();

        var refused = await Assert.ThrowsAsync<IOException>(() => second.StartAsync());
        var stillServed = await Client().SendAsync(ControlRequest.Status);

        Assert.Contains("another relaybox is running", refused.Message);
        Assert.Equal(ControlOutcome.Ok, stillServed.Outcome);
    }

    [Fact]
    public async Task StopRemovesTheSocketAndTheClientThenSaysNotRunning()
    {
        await server.StopAsync();

        var reply = await Client().SendAsync(ControlRequest.Status);

        Assert.False(File.Exists(directory.SocketPath));
        Assert.Equal(ControlOutcome.NotRunning, reply.Outcome);
    }

    [Fact]
    public async Task StopEndsARequestInProgressWithoutAnAnswer()
    {
        queue.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = Client().SendAsync(ControlRequest.Flush);
        await WaitUntilAsync(() => queue.Waiting == 1);

        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var reply = await pending;

        Assert.Equal(ControlOutcome.Failed, reply.Outcome);
        Assert.Contains("without an answer", reply.Error);
    }

    private ControlServer NewServer(ControlServerOptions? options = null) =>
        new(directory.SocketPath, queue, _ => Task.FromResult(statusLines), ControlTestDirectory.Log, options ?? new ControlServerOptions());

    private ControlClient Client() => new(directory.SocketPath);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
