using System.Diagnostics;
using Xunit.Abstractions;

namespace Relaybox.Integration.Tests.Vm;

/// <summary>"relaybox gpio test", as the person assembling the box runs it, on the simulated chip of a real kernel.</summary>
[Trait("Category", "Vm")]
public sealed class VmGpioTestCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EachLedLightsInTurnAndEveryPressAndReleaseIsReported()
    {
        await using var vm = await GpioVm.BootAsync(output);
        await vm.WriteFileAsync("/etc/relaybox/relaybox.ini", VmRelayboxConfig.WithGpio(), "0600");

        await vm.RunCheckedAsync("setsid relaybox gpio test --seconds 6 --config /etc/relaybox/relaybox.ini </dev/null >/tmp/gpio-test.log 2>&1 &");

        // Status, activity and error LED: 2 s each, one after another.
        var clock = Stopwatch.StartNew();
        foreach (string led in new[] { GpioVm.StatusLed, GpioVm.ActivityLed, GpioVm.ErrorLed })
        {
            Assert.True(await vm.WaitForLineValueAsync(led, true, TimeSpan.FromSeconds(6)), $"{led} never lit ({clock.Elapsed.TotalSeconds:0.0} s)\n{await Log(vm)}");
        }

        await WaitForTextAsync(vm, "watching the button");
        await vm.PressButtonAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        await vm.ReleaseButtonAsync();
        await WaitForTextAsync(vm, "done:");

        string log = await Log(vm);
        output.WriteLine(log);
        Assert.Contains("status LED    GPIO17 -> /dev/gpiochip", log, StringComparison.Ordinal);
        Assert.Contains("button        GPIO23 -> /dev/gpiochip", log, StringComparison.Ordinal);
        Assert.Contains("pressed", log, StringComparison.Ordinal);
        Assert.Contains("released (held 0.", log, StringComparison.Ordinal);
        Assert.Contains("done: 3 LEDs lit, 2 button changes seen", log, StringComparison.Ordinal);
        Assert.False(await vm.ReadLineValueAsync(GpioVm.ErrorLed)); // every LED off again afterwards
    }

    // The log may end mid-line ("lighting ... "): echo ends it, so the agent's end-of-reply marker starts a line.
    private static Task<string> Log(GpioVm vm) => vm.RunCheckedAsync("cat /tmp/gpio-test.log; echo");

    private static async Task WaitForTextAsync(GpioVm vm, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!(await Log(vm)).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"\"{text}\" never appeared:\n{await Log(vm)}");
            await Task.Delay(200);
        }
    }
}
