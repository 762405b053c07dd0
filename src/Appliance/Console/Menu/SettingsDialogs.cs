using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Console.Prompts;
using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Console.Setup;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>
/// The menu's settings: smarthost, trusted networks, admin address, name and ports. Each dialog starts from the
/// file as it is, checks every answer as the config checker would, and applies (write, then reload) only after
/// the operator confirms.
/// </summary>
public sealed class SettingsDialogs(ConsoleContext context)
{
    /// <summary>The smarthost submenu: test the one configured now (the files as they are), or choose another.</summary>
    public Task SmarthostMenuAsync(CancellationToken cancellationToken) =>
        MenuLoop.RunAsync(context, () => "Smarthost", [
            new MenuItem("Test the smarthost as configured now", false, TestConfiguredAsync),
            new MenuItem("Choose or change the smarthost", true, SmarthostAsync),
        ], "Back to the main menu", cancellationToken);

    public async Task TestConfiguredAsync(CancellationToken cancellationToken)
    {
        context.Terminal.WriteLine($"Testing (at most {Smtp.Delivery.Probe.ProbeRequest.DefaultTotalTimeout.TotalSeconds:0} s) ...");
        using var live = new Terminal.TerminalTextWriter(context.Terminal);
        await Cli.RelayhostTestCommand.RunAsync(["test"], new Cli.ConfigSource(context.ConfigPath), live, live);
    }

    public async Task SmarthostAsync(CancellationToken cancellationToken)
    {
        var changes = context.NewChanges();
        string chosen = await new SmarthostDialog(context.Ask, context.Probe).RunAsync(changes, cancellationToken);
        await ConfirmAndApplyAsync(changes, $"smarthost: {chosen}", cancellationToken);
    }

    public Task NetworksAsync(CancellationToken cancellationToken)
    {
        context.Terminal.WriteLine("Devices on these networks relay through port 25 without a login (mynetworks).");
        context.Terminal.WriteLine("Networks on this box's interfaces: " + LanNetworks.Suggestion(LanNetworks.Detect()));
        return EditAsync(ConfigSchema.MyNetworks, "Trusted networks", answer =>
            answer.Equals("none", StringComparison.OrdinalIgnoreCase) ? LanNetworks.Loopback : answer, cancellationToken);
    }

    public Task AdminAsync(CancellationToken cancellationToken)
    {
        context.Terminal.WriteLine("Alerts, mail for root and postmaster, and bounces for devices go to this address.");
        return EditAsync(ConfigSchema.Admin, "Admin address", answer => answer, cancellationToken);
    }

    public async Task NameAndPortsAsync(CancellationToken cancellationToken)
    {
        var changes = context.NewChanges();
        var terminal = context.Terminal;
        terminal.WriteLine("Listeners are address:port (*:587 = every address); \"off\" turns one off.");
        Ask(changes.Config, ConfigSchema.Hostname, "Hostname", answer => answer);
        Ask(changes.Config, ConfigSchema.ListenSmtp, "Port 25 listener (devices on trusted networks; STARTTLS offered)", Off);
        Ask(changes.Config, ConfigSchema.ListenSubmission, "Submission listener (STARTTLS, login required)", Off);
        Ask(changes.Config, ConfigSchema.ListenSmtps, "Implicit TLS listener (login required)", Off);
        await ConfirmAndApplyAsync(changes, null, cancellationToken);
    }

    private async Task EditAsync(ConfigKey key, string label, Func<string, string> normalise, CancellationToken cancellationToken)
    {
        var changes = context.NewChanges();
        Ask(changes.Config, key, label, normalise);
        await ConfirmAndApplyAsync(changes, null, cancellationToken);
    }

    private void Ask(Editing.ConfigDraft draft, ConfigKey key, string label, Func<string, string> normalise)
    {
        string current = draft.Value(key);
        string answer = ConfigQuestion.Ask(context.Ask, draft, key, label, current.Length == 0 && key.Section == "listen" ? "off" : current, normalise);
        if (answer != current)
        {
            draft.Set(key, answer);
        }
    }

    private async Task ConfirmAndApplyAsync(Editing.PendingChanges changes, string? summary, CancellationToken cancellationToken)
    {
        if (changes.IsEmpty)
        {
            context.Terminal.WriteLine("Nothing changed.");
            return;
        }

        foreach (var (key, value) in changes.Config.Changes)
        {
            context.Terminal.WriteLine($"  {key.FullName} = {(value is null ? "(default)" : value.Length == 0 ? "(off)" : value)}");
        }

        if (summary is not null)
        {
            context.Terminal.WriteLine("  " + summary);
        }

        if (context.Ask.Confirm("Apply?", suggested: true))
        {
            await context.ApplyAsync(changes, cancellationToken);
        }
        else
        {
            context.Terminal.WriteLine("Nothing written.");
        }
    }

    private static string Off(string answer) => answer.Equals("off", StringComparison.OrdinalIgnoreCase) ? "" : answer;
}
