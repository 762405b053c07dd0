using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Console.Terminal;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>The test mail (sent through the daemon's own queue, then followed to delivery) and the factory reset.</summary>
public sealed class MaintenanceDialogs(ConsoleContext context)
{
    /// <summary>How long the console follows the test mail before it hands back the menu.</summary>
    public static readonly TimeSpan TestMailWait = TimeSpan.FromSeconds(30);

    /// <summary>What the operator types to confirm a factory reset: a word, not y, so it never happens by a stray key.</summary>
    public const string ResetWord = "RESET";

    public async Task TestMailAsync(CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return;
        }

        string admin = config.Rewrite.Admin ?? "";
        var draft = context.NewChanges().Config;
        string address = context.Ask.Ask("Send a test mail to", admin, answer =>
            answer.Length == 0 ? "type an address" : draft.ProblemWith(ConfigSchema.Admin, answer));
        await SendTestMailAsync(address, cancellationToken);
    }

    /// <summary>Queues a test mail through the running daemon and follows it until it is delivered, refused, or the wait is over.</summary>
    public async Task SendTestMailAsync(string address, CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return;
        }

        context.Terminal.WriteLine($"Following it for up to {TestMailWait.TotalSeconds:0} s ...");
        using var live = new TerminalTextWriter(context.Terminal);
        await SendTestCommand.RunAsync(address, TestMailWait, config, context.Daemon(config).Client, context.Time, live, live, cancellationToken);
    }

    public async Task FactoryResetAsync(CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        terminal.WriteLine("A factory reset puts this box back as it came:");
        terminal.WriteLine("  - settings back to the defaults (the old file is kept beside it), delivery off");
        terminal.WriteLine("  - every user removed, the smarthost password deleted, a new TLS key");
        terminal.WriteLine("  - queued mail kept, on hold, for you to release or delete");
        string typed = terminal.ReadLine($"Type {ResetWord} to reset, anything else to leave: ");
        if (typed != ResetWord)
        {
            terminal.WriteLine("Nothing changed.");
            return;
        }

        using var live = new TerminalTextWriter(context.Terminal);
        await FactoryResetCommand.RunAsync(new ConfigSource(context.ConfigPath), confirmed: true, live, live, cancellationToken);
    }
}
