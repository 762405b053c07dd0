using System.Diagnostics;
using Xunit.Abstractions;

namespace Relaybox.Integration.Tests.Vm;

/// <summary>
/// The LEDs and the factory-reset button as the owner meets them: relaybox runs in the VM on the simulated
/// chip, the test reads the LED lines and holds the button down by switching its pull.
/// </summary>
[Collection(VmCollection.Name)]
[Trait("Category", "Vm")]
public sealed class VmIndicatorTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ServingTimeout = TimeSpan.FromSeconds(60);
    private const string UsersFile = VmRelayboxConfig.DataDirectory + "/users";
    private const string HoldFolder = VmRelayboxConfig.DataDirectory + "/queue/hold";

    [Fact]
    public async Task StatusLedIsSteadyOnOnceServingAndRelayboxHoldsItsLines()
    {
        await using var vm = await ServingAsync(setUp: true);

        Assert.True(await vm.WaitForLineValueAsync(GpioVm.StatusLed, true, TimeSpan.FromSeconds(10)), "status LED never lit");
        // Steady, not blinking: every sample over two seconds reads lit (a "starting" blink would show off phases).
        var sampling = Stopwatch.StartNew();
        while (sampling.Elapsed < TimeSpan.FromSeconds(2))
        {
            Assert.True(await vm.ReadLineValueAsync(GpioVm.StatusLed), $"status LED went off after {sampling.Elapsed.TotalMilliseconds:F0} ms of serving");
        }

        Assert.False(await vm.ReadLineValueAsync(GpioVm.ErrorLed));
        string lines = await vm.RunCheckedAsync("gpio-lines $(cat /run/gpio-sim/dev)");
        foreach (string name in new[] { GpioVm.StatusLed, GpioVm.ActivityLed, GpioVm.ErrorLed, GpioVm.Button })
        {
            Assert.Contains(lines.Split('\n'), l => l.Split(' ') is [_, var n, var consumer, _] && n == name && consumer != "-");
        }
    }

    [Fact]
    public async Task ATwoSecondPressLeavesUsersAndQueueAlone()
    {
        await using var vm = await ServingAsync();
        await AddUserAndQueueMessageAsync(vm);

        await vm.PressButtonAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await vm.ReleaseButtonAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(0, (await vm.RunAsync($"test -f {UsersFile}")).ExitCode);
        Assert.Equal("", (await vm.RunCheckedAsync($"ls {HoldFolder} 2>/dev/null || true")).Trim());
        Assert.DoesNotContain("factory reset", (await vm.RelayboxLogAsync()).ToLowerInvariant());
        // A short press may show the state as a blink code; afterwards the status LED is lit again.
        Assert.True(await vm.WaitForLineValueAsync(GpioVm.StatusLed, true, TimeSpan.FromSeconds(10)), "status LED not lit again after a short press");
    }

    [Fact]
    public async Task HoldingTheButtonTenSecondsPerformsTheFactoryReset()
    {
        await using var vm = await ServingAsync();
        await AddUserAndQueueMessageAsync(vm);

        await vm.PressButtonAsync();
        var held = Stopwatch.StartNew();
        // The LEDs warn after 5 s of holding (steady or blinking: seen lit within the next two seconds).
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        Assert.True(await vm.WaitForLineValueAsync(GpioVm.ErrorLed, true, TimeSpan.FromSeconds(2)), "error LED not warning after 5 s of holding");
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, 10.5 - held.Elapsed.TotalSeconds)));
        await vm.ReleaseButtonAsync();

        await vm.WaitForLogAsync("factory reset", TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, (await vm.RunAsync($"test -e {UsersFile}")).ExitCode);
        Assert.NotEqual("", (await vm.RunCheckedAsync($"ls {HoldFolder}")).Trim());
    }

    [Fact]
    public async Task TheServingDaemonSleepsWhileNothingHappens()
    {
        // Serving: every LED steady, the button idle; nothing should wake the process but the 60 s queue heartbeat.
        await using var vm = await ServingAsync(setUp: true);
        await Task.Delay(TimeSpan.FromSeconds(3));   // past start-up work (TLS pair, queue scan)

        var before = await vm.RelayboxCpuTimeAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var used = await vm.RelayboxCpuTimeAsync() - before;

        // Waiting on the button's edge events and LED timers must not poll: well under 3% of a (TCG-slowed) core.
        output.WriteLine($"idle CPU over 10 s while serving: {used.TotalMilliseconds:F0} ms");
        Assert.True(used < TimeSpan.FromMilliseconds(300), $"the idle daemon used {used.TotalMilliseconds:F0} ms of CPU in 10 s");
    }

    [Fact]
    public async Task ABlinkingLedCostsOnlyItsOwnEdges()
    {
        // Setup needed: the status LED blinks fast (100 ms on, 100 ms off): 10 wake-ups a second, each one write.
        await using var vm = await ServingAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        var before = await vm.RelayboxCpuTimeAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var used = await vm.RelayboxCpuTimeAsync() - before;

        output.WriteLine($"CPU over 10 s with the status LED blinking fast: {used.TotalMilliseconds:F0} ms");
        Assert.True(used < TimeSpan.FromMilliseconds(1000), $"a blinking LED cost {used.TotalMilliseconds:F0} ms of CPU in 10 s");
    }

    private async Task<GpioVm> ServingAsync(bool setUp = false)
    {
        var vm = await GpioVm.BootAsync(output);
        try
        {
            await vm.StartAsync(VmRelayboxConfig.WithGpio(setUp));
            await vm.WaitForSmtpAsync(ServingTimeout);
            return vm;
        }
        catch
        {
            await vm.DisposeAsync();
            throw;
        }
    }

    private static async Task AddUserAndQueueMessageAsync(GpioVm vm)
    {
        await vm.RunCheckedAsync("printf 'correct horse\\n' | relaybox user add alice --password-stdin --config /etc/relaybox/relaybox.ini", TimeSpan.FromSeconds(60));
        await vm.RunCheckedAsync("smtp-send device@relay.test someone@example.net");
        Assert.Equal(0, (await vm.RunAsync($"test -f {UsersFile}")).ExitCode);
        // deliver = no: the message waits in the queue, which a factory reset must keep (on hold).
        Assert.NotEqual("", (await vm.RunCheckedAsync($"ls {VmRelayboxConfig.DataDirectory}/queue/active {VmRelayboxConfig.DataDirectory}/queue/deferred 2>/dev/null || true")).Trim());
    }
}
