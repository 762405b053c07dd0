using Relaybox.Appliance.Cli;
using Relaybox.Smtp.Queue;

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
}
