using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Console;

/// <summary>The console admin password from a shell: "relaybox console password set|clear".</summary>
public sealed class ConsolePasswordCommandTests
{
    [Fact]
    public async Task SetStoresAVerifierOwnerOnlyAndClearRemovesIt()
    {
        await using var relay = await RelayboxInstance.StartAsync(new RelayboxSettings());
        string file = Path.Combine(relay.DataDirectory, "console-password");

        var set = await relay.CliAsync(["console", "password", "set", "--password-stdin"], "console-secret-1\n");
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.DoesNotContain("console-secret-1", File.ReadAllText(file), StringComparison.Ordinal);

        var clear = await relay.CliAsync(["console", "password", "clear"]);
        Assert.Equal(0, clear.ExitCode);
        Assert.False(File.Exists(file));

        var wrong = await relay.CliAsync(["console", "passwd"]);
        Assert.Equal(64, wrong.ExitCode);
        Assert.Contains("console password set", wrong.StandardError, StringComparison.Ordinal);
    }
}
