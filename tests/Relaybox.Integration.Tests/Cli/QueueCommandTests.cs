using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Cli;

/// <summary>relaybox queue list|show|hold|release|delete against a running daemon's real queue.</summary>
public sealed class QueueCommandTests
{
    [Fact]
    public async Task ListShowHoldReleaseAndDeleteWorkWhileTheDaemonRuns()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        var sent = await Swaks.RunAsync(relay.SmtpPort, "--header", "Subject: toner low");
        string id = Assert.IsType<string>(Swaks.QueueId(sent.StandardOutput));

        var list = await relay.CliAsync(["queue", "list"]);
        var show = await relay.CliAsync(["queue", "show", id]);
        var hold = await relay.CliAsync(["queue", "hold", id]);
        var listHeld = await relay.CliAsync(["queue", "list"]);
        await relay.RestartAsync(); // recovery leaves held mail where it is
        var afterRestart = QueueContents.All(relay);
        bool stillInHold = File.Exists(Path.Combine(relay.QueueDirectory, "hold", id + ".q"));
        var release = await relay.CliAsync(["queue", "release", id]);
        var delete = await relay.CliAsync(["queue", "delete", "all"]);
        var listEmpty = await relay.CliAsync(["queue", "list"]);
        var missing = await relay.CliAsync(["queue", "show", id]);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(id, list.StandardOutput);
        Assert.Contains(Swaks.Sender, list.StandardOutput);
        Assert.Contains("-> " + Swaks.Recipient, list.StandardOutput);
        Assert.Contains("Subject: toner low", show.StandardOutput);
        Assert.Contains($"recipient: {Swaks.Recipient}  pending", show.StandardOutput);
        Assert.Equal(0, hold.ExitCode);
        Assert.Contains($"{id}  ", listHeld.StandardOutput);
        Assert.Contains("(held)", listHeld.StandardOutput);
        Assert.Equal(id, Assert.Single(afterRestart).Id);
        Assert.True(stillInHold);
        Assert.Equal(0, release.ExitCode);
        Assert.Contains($"{id} deleted", delete.StandardOutput);
        Assert.Contains("queue is empty", listEmpty.StandardOutput);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Empty(QueueContents.All(relay));
    }

    [Fact]
    public async Task AnUnknownIdIsAClearError()
    {
        await using var relay = await RelayboxInstance.StartAsync();

        var hold = await relay.CliAsync(["queue", "hold", "01NOTANID"]);
        var bad = await relay.CliAsync(["queue", "frobnicate"]);

        Assert.NotEqual(0, hold.ExitCode);
        Assert.Contains("no message 01NOTANID", hold.Output);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("relaybox queue list", bad.Output);
    }
}
