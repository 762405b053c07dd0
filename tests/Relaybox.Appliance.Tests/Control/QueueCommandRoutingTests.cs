using System.Net.Sockets;
using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Queue;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>relaybox queue ...: through the daemon's socket when one answers there, on the files when none runs.</summary>
public sealed class QueueCommandRoutingTests : IDisposable
{
    private readonly TestQueue queue = new();
    private readonly FakeQueueControl manager = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose() => queue.Dispose();

    [Theory]
    [InlineData("hold", "held")]
    [InlineData("release", "released")]
    [InlineData("delete", "deleted")]
    public async Task WithADaemonAChangeGoesThroughTheSocketAndTheFilesAreLeftToIt(string verb, string done)
    {
        string id = await queue.AddAsync(TimeSpan.FromHours(1));
        await using var daemon = await StartDaemonAsync();

        int exit = await RunAsync(verb, id);

        Assert.Equal(0, exit);
        Assert.Equal([$"{verb} {id}"], manager.Calls);
        Assert.Equal($"{id} {done}\n", output.ToString());
        Assert.True(queue.IsIn(QueueFolder.Active, id)); // the fake manager moved nothing, and neither did the command
    }

    [Fact]
    public async Task WithoutADaemonHoldAndDeleteActOnTheFiles()
    {
        string kept = await queue.AddAsync(TimeSpan.FromHours(1));
        string removed = await queue.AddAsync(TimeSpan.FromHours(2));

        int held = await RunAsync("hold", kept);
        int deleted = await RunAsync("delete", removed);

        Assert.Equal(0, held);
        Assert.Equal(0, deleted);
        Assert.True(queue.IsIn(QueueFolder.Hold, kept));
        Assert.False(queue.IsIn(QueueFolder.Active, removed));
        Assert.Equal($"{kept} held\n{removed} deleted\n", output.ToString());
    }

    [Fact]
    public async Task WithoutADaemonReleaseMakesTheMessageDueAtOnce()
    {
        string id = await queue.AddAsync(TimeSpan.FromHours(3), QueueFolder.Hold);
        queue.SaveState(QueueFolder.Hold, id, state => state.StartAttempt(TestQueue.Now) with
        {
            NextAttempt = TestQueue.Now.AddHours(1),
            HeldReason = "admin hold",
        });

        int exit = await RunAsync("release", id);

        var state = queue.LoadState(QueueFolder.Active, id);
        Assert.Equal(0, exit);
        Assert.Equal($"{id} released\n", output.ToString());
        Assert.Null(state.NextAttempt);
        Assert.False(state.IsHeld);
        Assert.Equal(1, state.Attempts); // the history stays; only the schedule is cleared
    }

    [Fact]
    public async Task WithADaemonFlushReportsHowManyMessagesWillBeTried()
    {
        manager.Answer = (_, _) => new QueueControlResult([ControlTestDirectory.Id(1), ControlTestDirectory.Id(2), ControlTestDirectory.Id(3)]);
        await using var daemon = await StartDaemonAsync();

        int exit = await RunAsync("flush");

        Assert.Equal(0, exit);
        Assert.Equal(["flush"], manager.Calls);
        Assert.Equal("3 messages will be tried now\n", output.ToString());
    }

    [Fact]
    public async Task WithoutADaemonFlushSaysSoAndMakesDeferredMessagesDueAtOnce()
    {
        string deferred = await queue.AddAsync(TimeSpan.FromHours(5), QueueFolder.Deferred);
        queue.SaveState(QueueFolder.Deferred, deferred, state => state.StartAttempt(TestQueue.Now) with { NextAttempt = TestQueue.Now.AddMinutes(40) });
        string fresh = await queue.AddAsync(TimeSpan.FromMinutes(1));

        int exit = await RunAsync("flush");

        Assert.Equal(0, exit);
        Assert.Contains("relaybox is not running; its queue is delivered when it starts", output.ToString());
        Assert.Contains("1 deferred message is now due at once", output.ToString());
        Assert.Null(queue.LoadState(QueueFolder.Deferred, deferred).NextAttempt);
        Assert.False(File.Exists(queue.Queue.StatePath(QueueFolder.Active, fresh))); // untried: nothing to clear, nothing written
    }

    [Fact]
    public async Task DeletingManyMessagesThroughTheDaemonListsTheIdsItGotAndCountsTheRest()
    {
        var ids = Enumerable.Range(0, 1200).Select(ControlTestDirectory.Id).ToList();
        manager.Answer = (_, _) => new QueueControlResult(ids);
        await using var daemon = await StartDaemonAsync();

        int exit = await RunAsync("delete", "all");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, exit);
        Assert.Equal(1001, lines.Length);
        Assert.Equal($"{ids[0]} deleted", lines[0]);
        Assert.Equal("... and 200 more deleted", lines[^1]);
    }

    [Fact]
    public async Task ARefusalOfTheDaemonIsPrintedAndTheExitCodeIsNonZero()
    {
        string id = ControlTestDirectory.Id(9);
        manager.Answer = (_, target) => new QueueControlResult([], $"no message {target} that can be held");
        await using var daemon = await StartDaemonAsync();

        int exit = await RunAsync("hold", id);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Equal([$"hold {id}"], manager.Calls);
        Assert.Equal($"relaybox queue: no message {id} that can be held\n", error.ToString());
    }

    [Fact]
    public async Task SomethingThatCannotBeAnIdIsRefusedWithoutAskingTheDaemon()
    {
        await using var daemon = await StartDaemonAsync();

        int exit = await RunAsync("hold", "01NOTANID");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("no message 01NOTANID", error.ToString());
        Assert.Empty(manager.Calls);
    }

    [Fact]
    public async Task WhenTheDaemonCannotBeToldNothingIsChangedOnTheFiles()
    {
        string id = await queue.AddAsync(TimeSpan.FromHours(1));
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Bind(new UnixDomainSocketEndPoint(queue.Directory.SocketPath));
        silent.Listen(4);
        var impatient = new ControlClient(queue.Directory.SocketPath, new ControlClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300) });

        int exit = await QueueCommands.RunAsync(["delete", id], queue.Config, impatient, TestQueue.Clock, output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("cannot reach the running relaybox", error.ToString());
        Assert.True(queue.IsIn(QueueFolder.Active, id));
    }

    private async Task<ControlServer> StartDaemonAsync()
    {
        var server = new ControlServer(ControlSocket.PathIn(queue.Config.Server.DataDir), manager,
            _ => Task.FromResult<IReadOnlyList<string>>(["queue: from the daemon"]), ControlTestDirectory.Log);
        await server.StartAsync();
        return server;
    }

    private Task<int> RunAsync(params string[] words) => QueueCommands.RunAsync(words, queue.Config, TestQueue.Clock, output, error);
}
