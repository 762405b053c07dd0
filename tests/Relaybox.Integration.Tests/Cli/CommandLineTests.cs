using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Cli;

/// <summary>The CLI verbs of the contract, run as the owner would run them.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("relaybox-cli-").FullName;

    private string Config => Path.Combine(directory, "relaybox.ini");

    private Task<ProcessResult> Relaybox(string? stdin, params string[] arguments) =>
        ExternalTool.RunAsync(RelayboxBinary.Path, arguments, stdin);

    [Fact]
    public async Task ConfigCheckPointsAtTheLineAndSuggestsTheRightKey()
    {
        File.WriteAllText(Config, $"[server]\ndata_dir = {directory}\n\n[auth]\nmechanisms = PLAIN\nsmtp_sasl_auth_enable = yes\n");

        var result = await Relaybox(null, "config", "check", "--config", Config);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{Config}:6:", result.Output);
        Assert.Contains("did you mean", result.Output);
    }

    [Fact]
    public async Task ConfigCheckAcceptsAGoodFile()
    {
        File.WriteAllText(Config, $"[server]\nhostname = relay.home.arpa\ndata_dir = {directory}\n");

        var result = await Relaybox(null, "config", "check", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task ConfigShowListsOnlyWhatDiffersFromTheDefaults()
    {
        File.WriteAllText(Config, $"[server]\nhostname = relay.home.arpa\ndata_dir = {directory}\nmax_recipients = 100\n");

        var result = await Relaybox(null, "config", "show", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hostname = relay.home.arpa", result.StandardOutput);
        Assert.DoesNotContain("max_recipients", result.StandardOutput);
    }

    [Fact]
    public async Task UserAddListPasswdDelRoundTripWithoutPlaintextOnDisk()
    {
        File.WriteAllText(Config, $"[server]\ndata_dir = {directory}\n");

        var add = await Relaybox("First-Secret-1\n", "user", "add", "printer", "--password-stdin", "--config", Config);
        var duplicate = await Relaybox("Other-Secret-2\n", "user", "add", "printer", "--password-stdin", "--config", Config);
        var list = await Relaybox(null, "user", "list", "--config", Config);
        var passwd = await Relaybox("Second-Secret-2\n", "user", "passwd", "printer", "--password-stdin", "--config", Config);
        string usersFile = Path.Combine(directory, "users");
        string stored = File.ReadAllText(usersFile);
        var del = await Relaybox(null, "user", "del", "printer", "--config", Config);
        var listAfter = await Relaybox(null, "user", "list", "--config", Config);

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Contains("printer", list.StandardOutput);
        Assert.True(passwd.ExitCode == 0, passwd.ToString());
        Assert.DoesNotContain("Secret", stored);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(usersFile));
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.DoesNotContain("printer", listAfter.StandardOutput);
    }

    [Fact]
    public async Task UnknownVerbPrintsUsageAndFails()
    {
        var result = await Relaybox(null, "frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("relaybox run", result.Output);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
