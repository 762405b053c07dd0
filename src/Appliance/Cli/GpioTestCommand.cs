using System.Diagnostics;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Hosting;
using Relaybox.Hardware.Gpio;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox gpio test: for the person assembling the box. Says where each [gpio] line was found, lights each
/// LED in turn, then reports every press and release of the button, so a wiring mistake shows at once.
/// The daemon holds the lines while it runs: stop it first.
/// </summary>
public static class GpioTestCommand
{
    public const string Usage = "relaybox gpio test [--seconds N]   light each LED in turn, then report button presses for N s (default 30)";

    private static readonly TimeSpan LitFor = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(GpioSection? gpio, string configName, TimeSpan watchFor, IGpioChipCatalog catalog,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (gpio is null)
        {
            error.WriteLine($"relaybox gpio test: {configName} has no [gpio] section (see relaybox config reference: chip, led_status, led_activity, led_error, button)");
            return ExitCodes.Failure;
        }

        var locator = new GpioLineLocator(catalog);
        bool allFound = true;
        int lit = 0;
        foreach (var (role, line) in new (string, string?)[] { ("status LED", gpio.LedStatus), ("activity LED", gpio.LedActivity), ("error LED", gpio.LedError) })
        {
            if (Locate(locator, gpio.Chip, role, line, output) is not { } location)
            {
                allFound &= line is null;
                continue;
            }

            try
            {
                using var led = GpioLines.OpenOutput(location, gpio.LedsActiveLow);
                output.Write($"lighting the {role} ({line}) for {LitFor.TotalSeconds:0} s ... ");
                led.Set(true);
                await Task.Delay(LitFor, cancellationToken);
                led.Set(false);
                output.WriteLine("off");
                lit++;
            }
            catch (GpioException e)
            {
                allFound = false;
                output.WriteLine();
                error.WriteLine($"relaybox gpio test: {role} {line}: {Explain(e)}");
            }
        }

        int changes = -1;
        if (Locate(locator, gpio.Chip, "button", gpio.Button, output) is { } button)
        {
            changes = await WatchButtonAsync(button, gpio, watchFor, output, error, cancellationToken);
            allFound &= changes >= 0;
        }
        else
        {
            allFound &= gpio.Button is null;
        }

        output.WriteLine($"done: {lit} LEDs lit" + (changes >= 0 ? $", {changes} button changes seen" : ""));
        return allFound ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static GpioLineLocation? Locate(GpioLineLocator locator, string? chip, string role, string? line, TextWriter output)
    {
        if (line is null)
        {
            output.WriteLine($"{role,-13} (not set)");
            return null;
        }

        var lookup = locator.Locate(chip, line);
        output.WriteLine(lookup.Location is { } where
            ? $"{role,-13} {line} -> {where.ChipPath} line {where.Offset}"
            : $"{role,-13} {line}: NOT FOUND: {lookup.Failure}");
        return lookup.Location;
    }

    private static async Task<int> WatchButtonAsync(GpioLineLocation location, GpioSection gpio, TimeSpan watchFor,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            using var button = GpioLines.OpenInput(location, gpio.ButtonActiveLow, gpio.ButtonActiveLow ? LineBias.PullUp : LineBias.PullDown, BoxHardware.ButtonDebounce);
            output.WriteLine($"watching the button ({gpio.Button}) for {watchFor.TotalSeconds:0} s: press it now; it reads {(button.IsActive ? "PRESSED" : "released")}");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(watchFor);
            var clock = Stopwatch.StartNew();
            TimeSpan? pressedAt = null;
            int changes = 0;
            try
            {
                while (true)
                {
                    var edge = await button.WaitForEdgeAsync(timeout.Token);
                    changes++;
                    string held = !edge.Active && pressedAt is { } since ? $" (held {(edge.Timestamp - since).TotalSeconds:0.0} s)" : "";
                    pressedAt = edge.Active ? edge.Timestamp : null;
                    output.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0} s  {(edge.Active ? "pressed" : "released")}{held}");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return changes; // the watch time is over
            }
        }
        catch (GpioException e)
        {
            error.WriteLine($"relaybox gpio test: button {gpio.Button}: {Explain(e)}");
            return -1;
        }
    }

    /// <summary>EBUSY is what an assembler meets first: the daemon (or another program) holds the line.</summary>
    private static string Explain(GpioException e) => e.Errno == 16
        ? e.Message + " — the line is in use: stop relaybox first (systemctl stop relaybox), or see gpioinfo for the holder"
        : e.Message;
}
