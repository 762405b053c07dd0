using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Control;
using Relaybox.Appliance.Tests.Control;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Console;

/// <summary>
/// A forgotten console password is cleared by pressing the box's button while the console waits: the console asks
/// the daemon (a real control server on the box's socket, with a daemon side that counts presses) for the count.
/// </summary>
public sealed class ConsoleButtonResetTests : IAsyncLifetime
{
    private readonly ConsoleBox box = new();
    private readonly PressCounter daemon = new();
    private ControlServer server = null!;

    public async Task InitializeAsync()
    {
        new ConsoleAdminPassword(ConsoleAdminPassword.PathIn(box.DataDir), SafeFile.Default).Set("forgotten-password");
        server = new ControlServer(ControlSocket.PathIn(box.DataDir), new FakeQueueControl(), daemon, ControlTestDirectory.Log);
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        box.Dispose();
    }

    [Fact]
    public async Task APressWhileTheConsoleWaitsClearsThePasswordAndTheChangeGoesOn()
    {
        daemon.PressAfterQueries = 2;

        string screen = await box.RunAsync(ConsoleBox.Lines("n", "5", "button", "owner@example.net", "y", "q"));

        Assert.Contains("Press the button on the box briefly", screen);
        Assert.Contains("the console admin password is cleared", screen);
        Assert.False(File.Exists(ConsoleAdminPassword.PathIn(box.DataDir)));
        Assert.Equal("owner@example.net", ConfigLoader.Load(box.ConfigFile).Config!.Rewrite.Admin);
        Assert.Contains("Saved. relaybox runs with the new settings now.", screen);
    }

    [Fact]
    public async Task WithoutAButtonThePasswordStaysAndNothingChanges()
    {
        daemon.HasButton = false;
        string before = box.ConfigText;

        string screen = await box.RunAsync(ConsoleBox.Lines("n", "5", "button", "q"));

        Assert.Contains("! the button cannot be read", screen);
        Assert.True(File.Exists(ConsoleAdminPassword.PathIn(box.DataDir)));
        Assert.Equal(before, box.ConfigText);
    }

    /// <summary>A daemon whose button count goes up by one after it has been asked a few times: a press during the wait.</summary>
    private sealed class PressCounter : IDaemonControl
    {
        private int queries;

        public int PressAfterQueries { get; set; } = int.MaxValue;

        public bool HasButton { get; set; } = true;

        public int? ButtonPresses => HasButton ? (Interlocked.Increment(ref queries) > PressAfterQueries ? 4 : 3) : null;

        public Task<IReadOnlyList<string>> StatusAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(["state: serving"]);

        public Task<string?> ReloadAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public IReadOnlyList<string> RecentLog(int count) => [];

        public Task<TestMailResult> QueueTestMailAsync(string address, CancellationToken cancellationToken) =>
            Task.FromResult(TestMailResult.Refused("not in this test"));
    }
}
