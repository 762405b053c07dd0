using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Queue;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>relaybox status: the daemon's own report when it runs; "not running", the queue read from the files, and exit 3 when not.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly TestQueue queue = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose() => queue.Dispose();

    [Fact]
    public async Task WithADaemonItsStatusLinesArePrinted()
    {
        await using var daemon = new ControlServer(ControlSocket.PathIn(queue.Config.Server.DataDir), new FakeQueueControl(),
            _ => Task.FromResult<IReadOnlyList<string>>(["queue: 3 messages, oldest 2h", "alert: relayhost refuses the login"]),
            ControlTestDirectory.Log);
        await daemon.StartAsync();

        int exit = await StatusCommand.RunAsync(queue.Config, TestQueue.Clock, output, error);

        Assert.Equal(0, exit);
        Assert.Equal("relaybox is running\nqueue: 3 messages, oldest 2h\nalert: relayhost refuses the login\n", output.ToString());
    }

    [Fact]
    public async Task WithoutADaemonItSaysSoCountsTheQueueAndExitsThree()
    {
        await queue.AddAsync(TimeSpan.FromMinutes(5));
        await queue.AddAsync(TimeSpan.FromHours(26), QueueFolder.Deferred);
        await queue.AddAsync(TimeSpan.FromHours(2), QueueFolder.Hold);

        int exit = await StatusCommand.RunAsync(queue.Config, TestQueue.Clock, output, error);

        Assert.Equal(StatusCommand.NotRunningExitCode, exit);
        Assert.Equal(3, exit);
        Assert.Equal("relaybox is not running\nqueue: 3 messages (active 1, deferred 1, held 1), oldest 1d\n", output.ToString());
    }

    [Fact]
    public async Task WithoutADaemonAndAnEmptyQueueItSaysTheQueueIsEmpty()
    {
        int exit = await StatusCommand.RunAsync(queue.Config, TestQueue.Clock, output, error);

        Assert.Equal(3, exit);
        Assert.Equal("relaybox is not running\nqueue: empty\n", output.ToString());
    }

    [Fact]
    public async Task AnUnreadableQueueEntryIsCounted()
    {
        await queue.AddAsync(TimeSpan.FromMinutes(5));
        File.WriteAllText(Path.Combine(queue.Queue.FolderPath(QueueFolder.Deferred), ControlTestDirectory.Id(1) + ".q"), "not a queue file");

        await StatusCommand.RunAsync(queue.Config, TestQueue.Clock, output, error);

        Assert.Contains("queue: 1 unreadable entry (see relaybox queue list)", output.ToString());
        Assert.Contains("queue: 1 message (active 1, deferred 0, held 0), oldest 5m", output.ToString());
    }
}
