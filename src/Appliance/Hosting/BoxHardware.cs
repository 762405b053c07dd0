using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Setup;
using Relaybox.Hardware.Gpio;
using Relaybox.Hardware.Indicators;
using Serilog;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The box's LEDs and button, as [gpio] names them: opened once at start, driven from the box status, flashed on
/// each accepted and each delivered message, and the button's long hold turned into a factory reset. Without a
/// [gpio] section, or when none of its lines exists on this machine, relaybox runs without them and says so once.
/// </summary>
public sealed class BoxHardware : IAsyncDisposable
{
    /// <summary>A press's edges settle within this in the kernel's debounce (Raspberry Pi buttons bounce for a few ms).</summary>
    public static readonly TimeSpan ButtonDebounce = TimeSpan.FromMilliseconds(20);

    private readonly ApplianceIndicators indicators;
    private readonly IInputLine? buttonLine;
    private readonly ButtonMonitor? button;
    private readonly ILogger log;
    private readonly CancellationTokenSource stopping = new();
    private Task? buttonLoop;
    private int shortPresses;

    private BoxHardware(ApplianceIndicators indicators, bool hasLeds, IInputLine? buttonLine, ButtonMonitor? button, ILogger log)
    {
        HasLeds = hasLeds;
        this.indicators = indicators;
        this.buttonLine = buttonLine;
        this.button = button;
        this.log = log;
    }

    /// <summary>Short presses seen since the button started; null without a button. The console takes a press as proof that someone stands at the box.</summary>
    public int? ShortPresses => button is null ? null : Volatile.Read(ref shortPresses);

    /// <summary>Whether the status or the error LED was opened (the box may have only a button, or only the activity LED).</summary>
    public bool HasLeds { get; }

    /// <summary>Opens the lines [gpio] names; null (said once in the log) when there is nothing to drive.</summary>
    public static BoxHardware? Open(GpioSection? gpio, ILogger log, TimeProvider time) =>
        Open(gpio, new SystemGpioChipCatalog(), log, time);

    public static BoxHardware? Open(GpioSection? gpio, IGpioChipCatalog catalog, ILogger log, TimeProvider time)
    {
        if (gpio is null)
        {
            log.Information("no [gpio] section: running without LEDs and button");
            return null;
        }

        var locator = new GpioLineLocator(catalog);
        var missing = new List<string>();
        IOutputLine? status = OpenLed(locator, gpio, "status LED", gpio.LedStatus, missing);
        IOutputLine? activity = OpenLed(locator, gpio, "activity LED", gpio.LedActivity, missing);
        IOutputLine? error = OpenLed(locator, gpio, "error LED", gpio.LedError, missing);
        IInputLine? buttonLine = OpenButton(locator, gpio, missing);
        if (status is null && activity is null && error is null && buttonLine is null)
        {
            log.Warning("running without LEDs and button: {Missing}", string.Join("; ", missing.Distinct()));
            return null;
        }

        if (missing.Count > 0)
        {
            log.Warning("some [gpio] lines are missing, running without them: {Missing}", string.Join("; ", missing));
        }

        var indicators = new ApplianceIndicators(new LedDriver(status, activity, error, time));
        var monitor = buttonLine is null ? null : new ButtonMonitor(buttonLine, time);
        log.Information("LEDs: status {Status}, activity {Activity}, error {Error}; button {Button}",
            status?.Name ?? "none", activity?.Name ?? "none", error?.Name ?? "none", buttonLine?.Name ?? "none");
        return new BoxHardware(indicators, status is not null || error is not null, buttonLine, monitor, log);
    }

    /// <summary>Shows the box status: the phase on the status LED, a fault on the error LED.</summary>
    public void Show(BoxStatus status)
    {
        indicators.SetState(status.Phase switch
        {
            BoxPhase.Starting => ApplianceState.Starting,
            BoxPhase.SetupNeeded => ApplianceState.SetupNeeded,
            BoxPhase.Resetting => ApplianceState.ResetPending,
            _ => ApplianceState.Serving,
        });
        indicators.SetFaults(status.Fault switch
        {
            BoxFault.None => ApplianceFaults.None,
            BoxFault.QueueStuck => ApplianceFaults.QueueStuck,
            _ => ApplianceFaults.SmarthostUnreachable, // every smarthost problem lights the error LED
        });
    }

    /// <summary>One short flash of the activity LED (a message accepted or delivered); never blocks.</summary>
    public void Flash() => indicators.Flash();

    /// <summary>
    /// Starts listening to the button: a short press shows the status as a blink code, a 5 s hold warns on every
    /// LED, a release after 10 s runs <paramref name="factoryReset"/>.
    /// </summary>
    public void StartButton(Func<Task> factoryReset)
    {
        if (button is null)
        {
            return;
        }

        button.ShortPress += () =>
        {
            Interlocked.Increment(ref shortPresses);
            int? code = indicators.ShowStatusCode();
            log.Information("button pressed: status shown as blink code {Code}", code);
        };
        button.WarningStarted += () =>
        {
            indicators.SetResetWarning(true);
            log.Warning("button held 5 s: keep holding until 10 s and release to reset relaybox to factory settings");
        };
        button.WarningCancelled += () =>
        {
            indicators.SetResetWarning(false);
            log.Information("button released before 10 s: no factory reset");
        };
        button.FactoryResetRequested += () =>
        {
            indicators.SetResetWarning(false);
            log.Warning("button held 10 s and released: factory reset");
            _ = Task.Run(factoryReset);
        };
        buttonLoop = Task.Run(async () =>
        {
            try
            {
                await button.RunAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // relaybox is stopping
            }
            catch (IOException e)
            {
                log.Error("the button line failed ({Reason}); the button is ignored until relaybox restarts", e.Message);
            }
        });
    }

    /// <summary>Stops the button and turns the LEDs off; the lines go back to the kernel.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (buttonLoop is not null)
        {
            await buttonLoop;
        }

        buttonLine?.Dispose();
        indicators.Dispose();
        stopping.Dispose();
    }

    private static IOutputLine? OpenLed(GpioLineLocator locator, GpioSection gpio, string role, string? line, List<string> missing)
    {
        if (Locate(locator, gpio.Chip, role, line, missing) is not { } location)
        {
            return null;
        }

        try
        {
            return GpioLines.OpenOutput(location, gpio.LedsActiveLow);
        }
        catch (GpioException e)
        {
            missing.Add($"{role} {line}: {e.Message}");
            return null;
        }
    }

    private static IInputLine? OpenButton(GpioLineLocator locator, GpioSection gpio, List<string> missing)
    {
        if (Locate(locator, gpio.Chip, "button", gpio.Button, missing) is not { } location)
        {
            return null;
        }

        try
        {
            // An active-low button pulls the line to ground: the internal pull-up holds it high while released.
            return GpioLines.OpenInput(location, gpio.ButtonActiveLow, gpio.ButtonActiveLow ? LineBias.PullUp : LineBias.PullDown, ButtonDebounce);
        }
        catch (GpioException e)
        {
            missing.Add($"button {gpio.Button}: {e.Message}");
            return null;
        }
    }

    private static GpioLineLocation? Locate(GpioLineLocator locator, string? chip, string role, string? line, List<string> missing)
    {
        if (line is null)
        {
            return null;
        }

        var lookup = locator.Locate(chip, line);
        if (lookup.Location is null)
        {
            // "no GPIO chips" is the same for every line: said once (Distinct) when nothing at all was found.
            missing.Add(lookup.Failure is { } reason && reason.Contains("no GPIO chip", StringComparison.Ordinal) ? reason : $"{role} {line}: {lookup.Failure}");
        }

        return lookup.Location;
    }
}
