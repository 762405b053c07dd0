using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Console.Menu;
using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Console.Setup;
using Relaybox.Appliance.Console.Terminal;
using Relaybox.Appliance.Setup;

namespace Relaybox.Appliance.Console;

/// <summary>
/// "relaybox console": the setup and status console on its own terminal (the serial port on the board, where
/// systemd binds it like a getty). A box that is not set up starts with the guided setup; then the menu. A pulled
/// cable (hangup) ends the console at once with nothing written that the operator had not applied.
/// </summary>
public static class ConsoleProgram
{
    /// <summary>On the process's own terminal: raw mode while it runs, restored at the end; SIGHUP ends it quietly.</summary>
    public static async Task<int> RunOnTerminalAsync(string configPath)
    {
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            // The reader sees the hangup as EIO or end of file and unwinds; an apply in progress finishes first.
            context.Cancel = true;
        });
        RawTerminalMode? raw = null;
        try
        {
            raw = RawTerminalMode.Enter(0);
        }
        catch (IOException)
        {
            // Not a terminal (a script's pipe): lines still work, there is just nothing to switch.
        }

        try
        {
            // Plain streams on the descriptors, not System.Console's: its reads put the terminal back into the mode it
            // found at start after each read, which would turn the kernel's echo on again (and show passwords).
            using var input = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
            using var output = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            var style = TerminalStyle.FromEnvironment(Environment.GetEnvironmentVariable("TERM"), Environment.GetEnvironmentVariable("NO_COLOR"));
            int rows = int.TryParse(Environment.GetEnvironmentVariable("LINES"), NumberStyles.None, CultureInfo.InvariantCulture, out int lines)
                ? lines
                : ConsoleTerminal.DefaultRows;
            return await RunAsync(new ConsoleTerminal(input, output, style, rows), configPath, TimeProvider.System, CancellationToken.None);
        }
        finally
        {
            raw?.Dispose();
        }
    }

    public static async Task<int> RunAsync(ConsoleTerminal terminal, string configPath, TimeProvider time, CancellationToken cancellationToken)
    {
        var context = new ConsoleContext(terminal, configPath, time);
        try
        {
            terminal.Heading("relaybox setup console — " + configPath);
            terminal.WriteLine("Type the number of a choice and Enter. Enter alone takes the [suggestion].");
            terminal.WriteLine("Ctrl-C goes back without changing anything; q or Ctrl-D leaves.");
            if (NeedsSetup(context) is { } reason)
            {
                terminal.WriteLine();
                terminal.WriteLine($"This box is not set up yet ({reason}).");
                if (context.Ask.Confirm("Start the guided setup now?", suggested: true) && await context.MayChangeAsync(cancellationToken))
                {
                    try
                    {
                        await new FirstBootSetup(context).RunAsync(cancellationToken);
                    }
                    catch (PromptCancelledException)
                    {
                        terminal.WriteLine("Setup left; nothing written. It is in the menu as \"Guided setup\".");
                    }
                }
            }

            await new MainMenu(context).RunAsync(cancellationToken);
            terminal.WriteLine("Bye.");
            return 0;
        }
        catch (PromptCancelledException)
        {
            // Ctrl-D at the first question: the operator leaves before the menu.
            terminal.WriteLine("Bye.");
            return 0;
        }
        catch (TerminalDisconnectedException)
        {
            return 0;
        }
    }

    /// <summary>Why the box needs setting up, or null: no config file yet, or the factory state (see <see cref="SetupFacts"/>).</summary>
    private static string? NeedsSetup(ConsoleContext context)
    {
        if (!File.Exists(context.ConfigPath))
        {
            return "no configuration file";
        }

        var config = ConfigLoader.Load(context.ConfigPath).Config;
        if (config is null)
        {
            context.LoadConfig();
            return null;
        }

        var facts = SetupFacts.From(config, isDemo: false, context.LoadUsers(config).Users.Count);
        return !facts.SetupNeeded ? null
            : !facts.DeliveryEnabled ? "delivery is off, as on a new box"
            : "no users and no trusted network";
    }
}
