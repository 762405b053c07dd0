using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Cli;

/// <summary>relaybox reload, status, log and button against the real binary: what the serial console relies on.</summary>
public sealed class DaemonCommandTests
{
    [Fact]
    public async Task ReloadAppliesAChangedConfigurationWithoutARestartAndRefusesABrokenOne()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        int pid = relay.ProcessId;

        var set = await relay.CliAsync(["config", "set", "relay.relayhost", "[127.0.0.1]:2525"]);
        var deliver = await relay.CliAsync(["config", "set", "queue.deliver", "yes"]);
        var reload = await relay.CliAsync(["reload"]);
        var applied = await relay.CliAsync(["status"]);

        Assert.True(set.ExitCode == 0 && deliver.ExitCode == 0, set + "\n" + deliver);
        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Contains("delivery: through the smarthost [127.0.0.1]:2525", applied.StandardOutput);
        Assert.Equal(pid, relay.ProcessId);

        // The daemon's own file breaks; the command reaches it through a good copy naming the same data directory,
        // so that it is the daemon, not the command, that finds the error and refuses.
        string goodCopy = Path.Combine(relay.Root, "copy.ini");
        File.Copy(relay.ConfigPath, goodCopy);
        await File.AppendAllTextAsync(relay.ConfigPath, "\nmax_lifetime = forever-ish\n");
        var refused = await ExternalTool.RunAsync(RelayboxBinary.Path, ["reload", "--config", goodCopy]);
        var byTheCommand = await relay.CliAsync(["reload"]);
        var still = await ExternalTool.RunAsync(RelayboxBinary.Path, ["status", "--config", goodCopy]);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("has errors; the previous configuration still serves", refused.StandardError);
        Assert.Contains("max_lifetime", refused.StandardError);
        Assert.Equal(1, byTheCommand.ExitCode);
        Assert.Contains("delivery: through the smarthost [127.0.0.1]:2525", still.StandardOutput);
    }

    [Fact]
    public async Task ReloadSaysNotRunningWithExitThreeWhenNoDaemonRuns()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        await relay.StopAsync();

        var reload = await relay.CliAsync(["reload"]);
        var log = await relay.CliAsync(["log"]);

        Assert.True(reload.ExitCode == 3, reload.ToString());
        Assert.Contains("not running", reload.StandardOutput);
        Assert.Equal(3, log.ExitCode);
    }

    [Fact]
    public async Task StatusShowsTheFingerprintTheServerReallyServesAndTheNewLines()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, ("printer", "correct horse battery"));

        var status = await relay.CliAsync(["status"]);
        string served = await ServedCertificate.FingerprintAsync(relay.SmtpsPort);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(served, ServedCertificate.FromStatus(status.StandardOutput));
        Assert.Matches(@"uptime: \d+ (s|min)", status.StandardOutput);
        Assert.Contains("users: 1", status.StandardOutput);
        Assert.Contains("status LED: no LEDs configured", status.StandardOutput);
        Assert.Contains("last delivery problem: none since start", status.StandardOutput);
    }

    [Fact]
    public async Task LogReturnsTheDaemonsRecentLines()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        Assert.True(await relay.WaitForLogAsync("started in"), relay.Log); // logged just after the ports open

        var log = await relay.CliAsync(["log", "--lines", "200"]);
        var two = await relay.CliAsync(["log", "--lines", "2"]);
        var bad = await relay.CliAsync(["log", "--lines", "0"]);

        Assert.True(log.ExitCode == 0, log.ToString());
        Assert.Contains("started in", log.StandardOutput);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INF ", log.StandardOutput);
        Assert.Equal(2, two.StandardOutput.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(64, bad.ExitCode);
    }
}
