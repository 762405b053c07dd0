using System.Diagnostics;
using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Queue;
using Serilog;

namespace Relaybox.Appliance.Tests.Setup;

public sealed class FactoryResetCommandTests : IDisposable
{
    private readonly ResetBox box = new();

    public void Dispose() => box.Dispose();

    [Fact]
    public async Task WithoutYesItExplainsChangesNothingAndExitsTwo()
    {
        var before = box.Snapshot();
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await FactoryResetCommand.RunAsync(new ConfigSource(box.ConfigFile), confirmed: false, output, error);

        Assert.Equal(2, exit);
        Assert.Contains("--yes", error.ToString());
        Assert.Equal(before, box.Snapshot());
    }

    [Fact]
    public async Task WithYesAndNoDaemonItResetsTheFilesAndHoldsTheQueue()
    {
        var output = new StringWriter();

        int exit = await FactoryResetCommand.RunAsync(new ConfigSource(box.ConfigFile), confirmed: true, output, new StringWriter());

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.False(File.Exists(box.UsersFile));
        Assert.False(box.LoadConfig().Queue.Deliver);
        Assert.True(File.Exists(box.Queue.QueueFilePath(QueueFolder.Hold, box.Active[0])));
        Assert.Contains("factory reset complete", output.ToString());
    }

    [Fact]
    public async Task DemoConfigurationIsRefused()
    {
        var error = new StringWriter();

        int exit = await FactoryResetCommand.RunAsync(new ConfigSource((string?)null), confirmed: true, new StringWriter(), error);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("demo", error.ToString());
    }

    [Fact]
    public async Task WithARunningDaemonItsQueueManagerHoldsTheQueueAndTheDaemonIsSentHangup()
    {
        // A stand-in process receives the SIGHUP: its default action ends it, which the test can see.
        using var daemonProcess = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        int holds = 0;
        var server = new ControlServer(ControlSocket.PathIn(box.DataDir), new HoldCounter(() => holds++),
            _ => Task.FromResult<IReadOnlyList<string>>([$"relaybox relay.lan.example: running since 2026-11-22 19:00:00 UTC (pid {daemonProcess.Id})"]),
            new LoggerConfiguration().CreateLogger());
        await server.StartAsync();
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            int exit = await FactoryResetCommand.RunAsync(new ConfigSource(box.ConfigFile), confirmed: true, output, error);

            Assert.True(exit == ExitCodes.Ok, error.ToString());
            Assert.Equal(1, holds);
            Assert.True(daemonProcess.WaitForExit(5000));
            Assert.False(File.Exists(box.UsersFile));
            Assert.True(File.Exists(box.Queue.QueueFilePath(QueueFolder.Active, box.Active[0])));
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
            if (!daemonProcess.HasExited)
            {
                daemonProcess.Kill();
            }
        }
    }

    private sealed class HoldCounter(Action onHold) : IQueueControl
    {
        public Task<QueueControlResult> FlushAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<QueueControlResult> HoldAsync(string target, CancellationToken cancellationToken)
        {
            onHold();
            return Task.FromResult(new QueueControlResult([]));
        }

        public Task<QueueControlResult> ReleaseAsync(string target, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<QueueControlResult> DeleteAsync(string target, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
