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
        // As the kernel's character device reports it (uAPI v2 ioctls), the way relaybox finds its lines.
        string[] lines = (await vm.RunCheckedAsync($"gpio-lines {chip}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"chip {chip["/dev/".Length..]} label relaybox-test lines 8", lines[0]);
        Assert.Equal(["GPIO17", "GPIO27", "GPIO22", "GPIO23", "-"], lines[1..6].Select(l => l.Split(' ')[1]));
        Assert.All(lines[1..], l => Assert.Equal("-", l.Split(' ')[2]));   // no consumer holds any line yet

        // Nothing drives the lines yet: the LEDs sit at their default pull (low), the button at its pull-up.
        Assert.False(await vm.ReadLineValueAsync(GpioVm.StatusLed));
        Assert.True(await vm.ReadLineValueAsync(GpioVm.Button));
        await vm.PressButtonAsync();
        Assert.False(await vm.ReadLineValueAsync(GpioVm.Button));
        await vm.ReleaseButtonAsync();
        Assert.True(await vm.ReadLineValueAsync(GpioVm.Button));
    }

    [Fact]
    public async Task RelayboxServesSmtpInTheGuestWithATlsCertificateItMadeThere()
    {
        await using var vm = await GpioVm.BootAsync(output);

        var version = await vm.RunAsync("relaybox version");
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("relaybox ", version.Output);
        await vm.StartAsync(VmRelayboxConfig.WithGpio());
        await vm.WaitForSmtpAsync(TimeSpan.FromSeconds(60));

        // The self-signed pair is made with OpenSSL, which .NET loads with dlopen: ldd on the binary cannot
        // show it missing, only running this can.
        string certificate = await vm.RunCheckedAsync($"cat {VmRelayboxConfig.DataDirectory}/tls/cert.pem");
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", certificate);
        string ehlo = await vm.RunCheckedAsync("printf 'EHLO vm.test\\r\\n' | nc -w 3 127.0.0.1 587");
        Assert.Contains("250-STARTTLS", ehlo.Replace("\r", ""));
        Assert.NotEqual(0, (await vm.RunAsync("cat /no/such/file")).ExitCode);
    }
}
