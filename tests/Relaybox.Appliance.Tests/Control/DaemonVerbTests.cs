using Relaybox.Appliance.Control;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>reload, log, test-mail and button over a real Unix socket, answered by a fake daemon.</summary>
public sealed class DaemonVerbTests : IAsyncLifetime
{
    private readonly ControlTestDirectory directory = new();
    private readonly FakeQueueControl queue = new();
    private readonly FakeDaemonControl daemon = new();
    private ControlServer server = null!;

    public async Task InitializeAsync()
    {
        server = new ControlServer(directory.SocketPath, queue, daemon, ControlTestDirectory.Log);
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task AReloadThatAppliedAnswersOk()
    {
        var reply = await Client().SendAsync(ControlRequest.Reload);

        Assert.Equal(ControlOutcome.Ok, reply.Outcome);
        Assert.Empty(reply.Lines);
        Assert.Equal(["reload"], daemon.Calls);
    }

    [Fact]
    public async Task AReloadThatWasRefusedAnswersWithItsReason()
    {
        daemon.ReloadProblem = "relaybox.ini has errors; the previous configuration still serves: line 3: unknown key";

        var reply = await Client().SendAsync(ControlRequest.Reload);

        Assert.Equal(ControlOutcome.Refused, reply.Outcome);
        Assert.Equal(daemon.ReloadProblem, reply.Error);
    }

    [Fact]
    public async Task LogReturnsTheAskedNumberOfTheLastLinesOldestFirst()
    {
        daemon.Log = Enumerable.Range(1, 80).Select(i => $"line {i}").ToList();

        var some = await Client().SendAsync(ControlRequest.Log(3));
        var byDefault = await Client().SendAsync(new ControlRequest(ControlVerb.Log));

        Assert.Equal(["line 78", "line 79", "line 80"], some.Lines);
        Assert.Equal(50, byDefault.Lines.Count);
        Assert.Equal("line 31", byDefault.Lines[0]);
        Assert.Equal(["log 3", "log 50"], daemon.Calls);
    }

    [Fact]
    public async Task TestMailAnswersWithTheQueueId()
    {
        var reply = await Client().SendAsync(ControlRequest.TestMail("you@example.net"));

        Assert.Equal(ControlOutcome.Ok, reply.Outcome);
        Assert.Equal([ControlResponse.QueuedPrefix + ControlTestDirectory.Id(1)], reply.Lines);
        Assert.Equal(["test-mail you@example.net"], daemon.Calls);
    }

    [Fact]
    public async Task ATestMailTheDaemonRefusesComesBackAsRefused()
    {
        daemon.TestMail = address => TestMailResult.Refused($"\"{address}\" is not a mail address with a domain");

        var reply = await Client().SendAsync(ControlRequest.TestMail("nobody"));

        Assert.Equal(ControlOutcome.Refused, reply.Outcome);
        Assert.Equal("\"nobody\" is not a mail address with a domain", reply.Error);
    }

    [Fact]
    public async Task ButtonCountsPressesOrSaysThereIsNoButton()
    {
        var none = await Client().SendAsync(ControlRequest.Button);
        daemon.ButtonPresses = 2;
        var two = await Client().SendAsync(ControlRequest.Button);

        Assert.Equal(["no button"], none.Lines);
        Assert.Equal(["presses 2"], two.Lines);
    }

    [Fact]
    public async Task AServerWithOnlyAStatusSourceRefusesTheDaemonVerbs()
    {
        var otherDirectory = new ControlTestDirectory();
        await using var statusOnly = new ControlServer(otherDirectory.SocketPath, queue, _ => Task.FromResult<IReadOnlyList<string>>(["s"]),
            ControlTestDirectory.Log);
        await statusOnly.StartAsync();

        var reload = await new ControlClient(otherDirectory.SocketPath).SendAsync(ControlRequest.Reload);
        var status = await new ControlClient(otherDirectory.SocketPath).SendAsync(ControlRequest.Status);

        Assert.Equal(ControlOutcome.Refused, reload.Outcome);
        Assert.Equal(["s"], status.Lines);
        await statusOnly.StopAsync();
        otherDirectory.Dispose();
    }

    private ControlClient Client() => new(directory.SocketPath);
}
