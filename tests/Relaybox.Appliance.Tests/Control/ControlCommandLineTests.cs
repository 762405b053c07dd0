using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Configuration;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>The status verb and queue flush are reachable from the command line and named in its usage.</summary>
public sealed class ControlCommandLineTests : IDisposable
{
    private readonly ControlTestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task StatusWithoutADaemonExitsThreeFromTheCommandLine()
    {
        string config = Path.Combine(directory.Path, "relaybox.ini");
        File.WriteAllText(config, DemoConfig.Text(directory.Path));
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["status", "--config", config], output, error);

        Assert.True(exit == StatusCommand.NotRunningExitCode, error.ToString());
        Assert.StartsWith("relaybox is not running\n", output.ToString());
    }

    [Fact]
    public void TheUsageNamesStatusAndQueueFlush()
    {
        Assert.Contains("relaybox status", CommandLine.Usage);
        Assert.Contains("|flush|", CommandLine.Usage);
        Assert.Contains("relaybox queue flush", QueueCommands.Usage);
    }
}
