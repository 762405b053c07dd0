using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Console.Terminal;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>
/// Screens that show what a <c>relaybox</c> verb prints, by running that verb's own code: status, the recent log,
/// the queue. The console and the scripted commands therefore always agree.
/// </summary>
public sealed class CommandScreens(ConsoleContext context)
{
    /// <summary>Log lines shown by default: a few screens on a serial terminal.</summary>
    public const int LogLines = 60;

    public async Task StatusAsync(CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return;
        }

        await ShowAsync(output => StatusCommand.RunAsync(config, context.Time, output, output, cancellationToken));
    }

    public async Task LogAsync(CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return;
        }

        await ShowAsync(output => LogCommand.RunAsync(LogLines.ToString(System.Globalization.CultureInfo.InvariantCulture),
            context.Daemon(config).Client, output, output, cancellationToken));
    }

    public async Task QueueAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return;
        }

        await ShowAsync(output => QueueCommands.RunAsync(words, config, context.Time, output, output));
    }

    /// <summary>Runs a verb into a buffer and pages what it printed.</summary>
    public async Task ShowAsync(Func<TextWriter, Task<int>> verb)
    {
        using var output = new CapturedOutput();
        await verb(output);
        context.Terminal.Page(output.Lines);
    }
}
