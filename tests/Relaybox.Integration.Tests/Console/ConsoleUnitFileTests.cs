using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Console;

/// <summary>
/// image/relaybox-console@.service: systemd accepts it as written, and it binds the console to a serial line
/// the way serial-getty@.service does, as the daemon's user, restarting forever.
/// </summary>
public sealed class ConsoleUnitFileTests : IDisposable
{
    private const string ConsoleUnit = "relaybox-console@.service";
    private const string DaemonUnit = "relaybox.service";

    private readonly string directory = Directory.CreateTempSubdirectory("relaybox-units-").FullName;

    private static string ImageFile(string name) => Path.Combine(RelayboxBinary.RepositoryRoot, "image", name);

    private static SystemdUnitFile Console => SystemdUnitFile.Load(ImageFile(ConsoleUnit));

    [Fact]
    public async Task SystemdAnalyzeVerifiesTheConsoleUnitForASerialLineWithoutAWarning()
    {
        // systemd-analyze comes with systemd itself, which every Debian machine and the image have: nothing to
        // install, and a machine without it fails here rather than skipping.
        string systemdAnalyze = ExternalTool.Resolve("systemd-analyze");
        // verify checks that ExecStart's program exists and is executable; on a build machine the binary is
        // the one just built, not /usr/bin/relaybox. The daemon's unit goes along: the console is ordered after it.
        foreach (string unit in new[] { ConsoleUnit, DaemonUnit })
        {
            string text = File.ReadAllText(ImageFile(unit)).Replace("/usr/bin/relaybox ", RelayboxBinary.Path + " ");
            File.WriteAllText(Path.Combine(directory, unit), text);
        }

        var result = await ExternalTool.RunAsync(systemdAnalyze,
            ["verify", "--man=no", Path.Combine(directory, "relaybox-console@ttyAMA0.service"), Path.Combine(directory, DaemonUnit)]);

        // verify exits 0 even for unknown keys and unparsable values, which it only prints: silence is the pass.
        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0, result.ToString());
    }

    [Fact]
    public void TheConsoleRunsOnTheInstanceTtyLikeASerialGetty()
    {
        var unit = Console;

        Assert.Equal("/usr/bin/relaybox console", unit.Value("Service", "ExecStart"));
        Assert.Equal("/dev/%I", unit.Value("Service", "TTYPath"));
        Assert.Equal("tty", unit.Value("Service", "StandardInput"));
        Assert.Equal("tty", unit.Value("Service", "StandardOutput"));
        Assert.Equal("yes", unit.Value("Service", "TTYReset"));
        Assert.Equal("yes", unit.Value("Service", "TTYVHangup"));
        Assert.Equal("%I", unit.Value("Service", "UtmpIdentifier"));
        Assert.Contains("TERM=vt220", unit.All("Service", "Environment"));
        Assert.Contains("serial-getty@%i.service", unit.Words("Unit", "Conflicts"));
        Assert.Contains("serial-getty@%i.service", unit.Words("Unit", "Before"));
        Assert.Contains("relaybox.service", unit.Words("Unit", "After"));
        Assert.Equal("yes", unit.Value("Unit", "IgnoreOnIsolate"));
        Assert.Equal("getty.target", unit.Value("Install", "WantedBy"));
    }

    [Fact]
    public void TheConsoleKeepsRestartingAfterEveryExitWithoutAStartLimit()
    {
        var unit = Console;

        Assert.Equal("always", unit.Value("Service", "Restart"));
        Assert.NotNull(unit.Value("Service", "RestartSec"));
        Assert.Equal("0", unit.Value("Unit", "StartLimitIntervalSec"));
    }

    [Fact]
    public void TheConsoleRunsAsTheDaemonsUserAndMayWriteOnlyTheConfigAndStateDirectories()
    {
        var console = Console;
        var daemon = SystemdUnitFile.Load(ImageFile(DaemonUnit));

        Assert.Equal(daemon.Value("Service", "User"), console.Value("Service", "User"));
        Assert.Equal(daemon.Value("Service", "Group"), console.Value("Service", "Group"));
        Assert.Equal(["/etc/relaybox", "/var/lib/relaybox"], console.Words("Service", "ReadWritePaths").Order());
        Assert.Equal("strict", console.Value("Service", "ProtectSystem"));
        Assert.Equal("yes", console.Value("Service", "NoNewPrivileges"));
        Assert.Equal("", console.Value("Service", "CapabilityBoundingSet"));
        Assert.Equal("0077", console.Value("Service", "UMask"));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
