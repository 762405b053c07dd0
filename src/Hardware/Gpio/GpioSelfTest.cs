using System.Globalization;

namespace Relaybox.Hardware.Gpio;

/// <summary>
/// A short check of the whole library against a real kernel, meant for a gpio-sim chip in the test VM: chip info,
/// line lookup by name, an output toggle (plain and active-low) and input edges. On gpio-sim it drives and reads the
/// simulated world through sysfs (sim_gpioN/value and /pull); on other chips those checks are skipped. Prints
/// TAP-like "ok"/"not ok"/"skip" lines and returns true when nothing failed.
/// </summary>
public static class GpioSelfTest
{
    private static readonly TimeSpan EdgeTimeout = TimeSpan.FromSeconds(10);

    public static bool Run(string chipPath, TextWriter output)
    {
        var report = new Report(output);
        try
        {
            using GpioChip chip = GpioChip.Open(chipPath);
            report.Check($"chip info: name={chip.Info.Name} label={chip.Info.Label} lines={chip.Info.LineCount}", chip.Info.LineCount > 0);
            CheckLookupByName(chip, report);

            int[] free = Enumerable.Range(0, chip.Info.LineCount).Where(offset => !chip.GetLineInfo(offset).IsUsed).Take(2).ToArray();
            if (free.Length < 2)
            {
                report.Check("two free lines for the output and input checks", false);
            }
            else
            {
                string? simDirectory = SimulatorDirectory(chip);
                CheckOutputToggle(chip, free[0], simDirectory, report);
                CheckInputEdges(chip, free[1], simDirectory, report);
            }
        }
        catch (Exception failure) when (failure is GpioException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            report.Check($"unexpected failure: {failure.Message}", false);
        }

        output.WriteLine(report.Passed ? "GPIO SELF-TEST: PASS" : "GPIO SELF-TEST: FAIL");
        return report.Passed;
    }

    private static void CheckLookupByName(GpioChip chip, Report report)
    {
        for (int offset = 0; offset < chip.Info.LineCount; offset++)
        {
            string name = chip.GetLineInfo(offset).Name;
            if (name.Length > 0)
            {
                int? found = chip.FindLine(name);
                report.Check($"line {offset} found by its name {name} (got {found?.ToString(CultureInfo.InvariantCulture) ?? "none"})", found == offset);
                return;
            }
        }

        report.Skip("lookup by name: no line on this chip has a name");
    }

    private static void CheckOutputToggle(GpioChip chip, int offset, string? simDirectory, Report report)
    {
        using (GpioOutputLine line = chip.RequestOutput(offset, activeLow: false, initiallyActive: true))
        {
            report.Check($"output line {offset} requested and held", chip.GetLineInfo(offset).IsUsed);
            ExpectSimulatedValue(simDirectory, offset, "1", "initial value active", report);
            line.Set(false);
            ExpectSimulatedValue(simDirectory, offset, "0", "set inactive", report);
            line.Set(true);
            ExpectSimulatedValue(simDirectory, offset, "1", "set active", report);
            line.Dispose();
        }

        report.Check($"output line {offset} released on dispose", !chip.GetLineInfo(offset).IsUsed);

        using GpioOutputLine activeLow = chip.RequestOutput(offset, activeLow: true, initiallyActive: false);
        ExpectSimulatedValue(simDirectory, offset, "1", "active-low inactive drives high", report);
        activeLow.Set(true);
        ExpectSimulatedValue(simDirectory, offset, "0", "active-low active drives low", report);
    }

    private static void CheckInputEdges(GpioChip chip, int offset, string? simDirectory, Report report)
    {
        if (simDirectory is null)
        {
            report.Skip("input edges: not a gpio-sim chip, nothing can move the line");
            return;
        }

        // No bias flag: gpio-sim would overwrite the simulated pull with it.
        SetPull(simDirectory, offset, "pull-down");
        using GpioInputLine line = chip.RequestInput(offset, activeLow: false, LineBias.AsIs, TimeSpan.Zero);
        report.Check($"input line {offset} starts inactive", !line.IsActive);

        SetPull(simDirectory, offset, "pull-up");
        LineEdge rising = WaitForEdge(line);
        report.Check($"pull-up gives an active edge at {rising.Timestamp}", rising.Active && line.IsActive);

        SetPull(simDirectory, offset, "pull-down");
        LineEdge falling = WaitForEdge(line);
        report.Check($"pull-down gives an inactive edge at {falling.Timestamp}", !falling.Active && falling.Timestamp >= rising.Timestamp);
    }

    private static LineEdge WaitForEdge(GpioInputLine line)
    {
        using var timeout = new CancellationTokenSource(EdgeTimeout);
        return line.WaitForEdgeAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>gpio-sim puts sim_gpioN/ beside its gpiochipN device in sysfs.</summary>
    private static string? SimulatorDirectory(GpioChip chip)
    {
        string directory = Path.Combine("/sys/bus/gpio/devices", chip.Info.Name);
        return File.Exists(Path.Combine(directory, "sim_gpio0", "value")) ? directory : null;
    }

    private static void SetPull(string simDirectory, int offset, string pull) =>
        File.WriteAllText(Path.Combine(simDirectory, $"sim_gpio{offset}", "pull"), pull);

    private static void ExpectSimulatedValue(string? simDirectory, int offset, string expected, string what, Report report)
    {
        if (simDirectory is null)
        {
            report.Skip($"output {what}: not a gpio-sim chip, level not readable");
            return;
        }

        string actual = File.ReadAllText(Path.Combine(simDirectory, $"sim_gpio{offset}", "value")).Trim();
        report.Check($"output {what}: line {offset} level {actual}, expected {expected}", actual == expected);
    }

    private sealed class Report(TextWriter output)
    {
        public bool Passed { get; private set; } = true;

        public void Check(string description, bool passed)
        {
            Passed &= passed;
            output.WriteLine($"{(passed ? "ok" : "not ok")} - {description}");
        }

        public void Skip(string description) => output.WriteLine($"skip - {description}");
    }
}
