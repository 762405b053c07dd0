using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Console.Editing;
using Relaybox.Appliance.Console.Prompts;
using Relaybox.Appliance.Console.Session;
using Relaybox.Smtp.Auth;

namespace Relaybox.Appliance.Console.Setup;

/// <summary>
/// The guided first setup: name, smarthost (with the live test), LAN networks, admin address, first user, then a
/// summary and one apply. Every answer is checked as it is typed and asked again when wrong; nothing is written
/// before the operator confirms the summary, so leaving (Ctrl-C) or losing the line on the way changes nothing.
/// </summary>
public sealed class FirstBootSetup(ConsoleContext context)
{
    /// <returns>True when the settings were written.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        var ask = context.Ask;
        var changes = context.NewChanges();
        var summary = new List<(string What, string Value)>();
        terminal.Heading("Guided setup (6 steps; Ctrl-C leaves it without changing anything)");

        terminal.WriteLine();
        terminal.Heading("1/6 Name of this box");
        terminal.WriteLine("Used in the greeting, in Received headers, and when talking to the smarthost.");
        string suggestedName = changes.Config.Value(ConfigSchema.Hostname) is { Length: > 0 } set ? set : SuggestedHostname();
        string hostname = ConfigQuestion.Ask(ask, changes.Config, ConfigSchema.Hostname, "Hostname", suggestedName);
        changes.Config.Set(ConfigSchema.Hostname, hostname);
        summary.Add(("hostname", hostname));

        terminal.WriteLine();
        terminal.Heading("2/6 Smarthost");
        string smarthost = await new SmarthostDialog(ask, context.Probe).RunAsync(changes, cancellationToken);
        summary.Add(("smarthost", smarthost));

        terminal.WriteLine();
        terminal.Heading("3/6 Devices that may send without a login");
        terminal.WriteLine("Printers, scanners and cron on these networks relay through port 25 without a password.");
        terminal.WriteLine("Type networks as address/prefix, separated by commas; \"none\" trusts only this box itself.");
        var detected = LanNetworks.Detect();
        string current = changes.Config.IsSet(ConfigSchema.MyNetworks) ? changes.Config.Value(ConfigSchema.MyNetworks) : LanNetworks.Suggestion(detected);
        string networks = ConfigQuestion.Ask(ask, changes.Config, ConfigSchema.MyNetworks, "Trusted networks", current, Networks);
        changes.Config.Set(ConfigSchema.MyNetworks, networks);
        summary.Add(("trusted networks", networks));

        terminal.WriteLine();
        terminal.Heading("4/6 Admin address");
        terminal.WriteLine("Where alerts, mail for root and postmaster, and bounces for devices go.");
        string admin = ConfigQuestion.Ask(ask, changes.Config, ConfigSchema.Admin, "Admin address", changes.Config.Value(ConfigSchema.Admin),
            refuse: answer => answer.Length == 0 ? "an address is needed, e.g. you@example.net" : null);
        changes.Config.Set(ConfigSchema.Admin, admin);
        summary.Add(("admin", admin));

        terminal.WriteLine();
        terminal.Heading("5/6 First user");
        terminal.WriteLine("Devices elsewhere, and anything that can log in, submit on port 587 or 465 with a user.");
        string? user = AskFirstUser(changes, out bool exists);
        if (user is not null)
        {
            changes.SetUser(user, ask.AskNewPassword(user));
            summary.Add(("user", exists ? $"{user} (new password)" : user));
        }
        else
        {
            summary.Add(("user", "none added"));
        }

        changes.Config.Set(ConfigSchema.Deliver, "yes");

        terminal.WriteLine();
        terminal.Heading("6/6 Summary");
        foreach (var (what, value) in summary)
        {
            terminal.WriteLine($"  {what,-17} {value}");
        }

        if (!ask.Confirm("Apply these settings?", suggested: true))
        {
            terminal.WriteLine("Nothing written.");
            return false;
        }

        if (!await context.ApplyAsync(changes, cancellationToken))
        {
            return false;
        }

        ShowHowDevicesSend(user);
        if (await context.DaemonRunsAsync(cancellationToken) && context.Ask.Confirm($"Send a test mail to {admin} now?", suggested: true))
        {
            await new Menu.MaintenanceDialogs(context).SendTestMailAsync(admin, cancellationToken);
        }

        return true;
    }

    /// <summary>What to type into a printer's or NAS's mail settings, from the listeners just configured.</summary>
    private void ShowHowDevicesSend(string? user)
    {
        if (context.LoadConfig(quiet: true) is not { } config)
        {
            return;
        }

        var terminal = context.Terminal;
        terminal.WriteLine();
        terminal.Heading("How devices send through this box");
        terminal.WriteLine($"  server: {config.Server.Hostname} (or this box's address)");
        if (config.Listen.Submission is { } submission)
        {
            terminal.WriteLine($"  port {submission.Port}: STARTTLS, login {user ?? "(a user)"} and its password");
        }

        if (config.Listen.Smtps is { } smtps)
        {
            terminal.WriteLine($"  port {smtps.Port}: SSL/TLS, login {user ?? "(a user)"} and its password");
        }

        if (config.Listen.Smtp is { } smtp)
        {
            terminal.WriteLine($"  port {smtp.Port}: no login, from the trusted networks only");
        }
    }

    private string? AskFirstUser(PendingChanges changes, out bool exists)
    {
        var config = changes.Config.Check().Config;
        var existing = config is null ? UserDatabase.Empty : context.LoadUsers(config);
        string suggestion = existing.Users.Count == 0 ? "printer" : "";
        string login = context.Ask.Ask("User name (\"none\": no user)", suggestion, answer =>
        {
            if (answer is "none")
            {
                return null;
            }

            return answer is "" ? "type a user name, or none" : LoginName.TryValidate(answer, out string? problem) ? null : problem;
        });
        login = login == "none" ? "" : login;
        exists = login.Length > 0 && existing.Find(login) is not null;
        return login.Length == 0 ? null : login;
    }

    private static string Networks(string answer) =>
        answer.Equals("none", StringComparison.OrdinalIgnoreCase) ? LanNetworks.Loopback : answer;

    private static string SuggestedHostname()
    {
        string name = Environment.MachineName.ToLowerInvariant();
        return name.Contains('.') ? name : name + ".home.arpa";
    }
}
