using Xunit.Abstractions;

namespace Relaybox.Integration.Tests.Vm;

/// <summary>The VM itself: relaybox and its libraries run in the guest, and the simulated chip looks like the board.</summary>
[Collection(VmCollection.Name)]
[Trait("Category", "Vm")]
public sealed class VmBootTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RelayboxVersionRunsInTheGuestFromTheKernelCommandLine()
    {
        var reply = await GpioVm.RunCommandLineAsync(["version"], output);

        Assert.Equal(0, reply.ExitCode);
        Assert.Matches(@"^relaybox \d+\.\d+\.\d+", reply.Output.Trim());
    }

    [Fact]
    public async Task TheSimulatedChipCarriesTheFourNamedLinesAndTheButtonReadsReleased()
    {
        await using var vm = await GpioVm.BootAsync(output);

        string devices = await vm.RunCheckedAsync("ls /dev/gpiochip*");
        string chip = devices.Trim();
        Assert.Matches(@"^/dev/gpiochip\d+$", chip);
        string sysfs = (await vm.RunCheckedAsync("cat /run/gpio-sim/sysfs")).Trim();
        string label = await vm.RunCheckedAsync($"cat {sysfs}/label");
        Assert.Equal("relaybox-test", label.Trim());
        Assert.Equal("8", (await vm.RunCheckedAsync($"cat {sysfs}/ngpio")).Trim());
        string names = await vm.RunCheckedAsync("cat /sys/kernel/config/gpio-sim/relaybox/bank0/line*/name");
        Assert.Equal(["GPIO17", "GPIO27", "GPIO22", "GPIO23"], names.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Nothing drives the lines yet: the LEDs sit at their default pull (low), the button at its pull-up.
        Assert.False(await vm.ReadLineValueAsync(GpioVm.StatusLed));
        Assert.True(await vm.ReadLineValueAsync(GpioVm.Button));
        await vm.PressButtonAsync();
        Assert.False(await vm.ReadLineValueAsync(GpioVm.Button));
        await vm.ReleaseButtonAsync();
        Assert.True(await vm.ReadLineValueAsync(GpioVm.Button));
    }

    [Fact]
    public async Task RelayboxVersionRunsThroughTheAgentAndTheOpenSslLibrariesAreThere()
    {
        await using var vm = await GpioVm.BootAsync(output);

        var version = await vm.RunAsync("relaybox version");
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("relaybox ", version.Output);
        // .NET loads OpenSSL with dlopen for TLS, so ldd on the binary cannot show it is missing.
        Assert.Equal(0, (await vm.RunAsync("ls /usr/lib/x86_64-linux-gnu/libssl.so.3 /usr/lib/x86_64-linux-gnu/libcrypto.so.3")).ExitCode);
        var missing = await vm.RunAsync("cat /no/such/file");
        Assert.NotEqual(0, missing.ExitCode);
    }
}
