using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Vm;

/// <summary>
/// What a VM boots: the kernel and base initramfs image/vm/build-gpio-vm.sh makes (built on first use in a
/// process, cached per kernel version in RELAYBOX_VM_WORK, else artifacts/vm), and the native-AOT relaybox
/// binary the guest runs. The guest has no .NET runtime, so only a self-contained AOT binary works there.
/// </summary>
public static class VmImage
{
    // A first build downloads the kernel and compiles gpio-sim.ko: about 30 s here, 5 min at most on a fresh machine.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);
    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private static string? builtDirectory;

    public static string ScriptDirectory => Path.Combine(RelayboxBinary.RepositoryRoot, "image", "vm");

    /// <summary>The directory holding vmlinuz and base.cpio.gz, built (or found cached) once per test run.</summary>
    public static async Task<string> EnsureBuiltAsync()
    {
        await BuildLock.WaitAsync();
        try
        {
            if (builtDirectory is null)
            {
                string work = Environment.GetEnvironmentVariable("RELAYBOX_VM_WORK") is { Length: > 0 } configured
                    ? configured
                    : Path.Combine(RelayboxBinary.RepositoryRoot, "artifacts", "vm");
                var result = await ExternalTool.RunAsync(Path.Combine(ScriptDirectory, "build-gpio-vm.sh"), [work], timeout: BuildTimeout);
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException($"build-gpio-vm.sh failed: {result}");
                }

                // The script's last stdout line is the directory it built; its progress and timings go to stderr.
                builtDirectory = result.StandardOutput.Trim().Split('\n')[^1];
            }

            return builtDirectory;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    /// <summary>
    /// RELAYBOX_BINARY when it is a native-AOT build (no relaybox.dll beside it, which a framework-dependent
    /// build needs), else artifacts/aot/relaybox, where tests/run-all.sh publishes it.
    /// </summary>
    public static string RelayboxAotBinary()
    {
        string? configured = Environment.GetEnvironmentVariable("RELAYBOX_BINARY");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured)
            && !File.Exists(Path.Combine(Path.GetDirectoryName(configured)!, "relaybox.dll")))
        {
            return configured;
        }

        string published = Path.Combine(RelayboxBinary.RepositoryRoot, "artifacts", "aot", "relaybox");
        return File.Exists(published)
            ? published
            : throw new FileNotFoundException($"no native-AOT relaybox at {published}: dotnet publish src/Appliance -r linux-x64 -c Release -o artifacts/aot");
    }
}
