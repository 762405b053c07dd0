using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Console.Setup;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>The console's main menu: looking (status, queue, log) is free; changing asks for the admin password once, if set.</summary>
public sealed class MainMenu(ConsoleContext context)
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var screens = new CommandScreens(context);
        var settings = new SettingsDialogs(context);
        var maintenance = new MaintenanceDialogs(context);
        return MenuLoop.RunAsync(context, Title, [
            new MenuItem("Status", false, screens.StatusAsync),
            new MenuItem("Users", false, new UsersMenu(context, screens).RunAsync),
            new MenuItem("Smarthost (how mail leaves)", false, settings.SmarthostMenuAsync),
            new MenuItem("Trusted networks (send without login)", true, settings.NetworksAsync),
            new MenuItem("Admin address", true, settings.AdminAsync),
            new MenuItem("TLS certificate", false, new TlsMenu(context, screens).RunAsync),
            new MenuItem("Name and ports", true, settings.NameAndPortsAsync),
            new MenuItem("Queue", false, new QueueMenu(context, screens).RunAsync),
            new MenuItem("Send a test mail", true, maintenance.TestMailAsync),
            new MenuItem("Recent log lines", false, screens.LogAsync),
            new MenuItem("Guided setup", true, async token => await new FirstBootSetup(context).RunAsync(token)),
            new MenuItem("Console admin password", true, new AdminPasswordMenu(context).RunAsync),
            new MenuItem("Factory reset", true, maintenance.FactoryResetAsync),
        ], "Leave the console", cancellationToken);
    }

    private string Title()
    {
        var config = context.LoadConfig(quiet: true);
        return config is null ? "relaybox (config has errors)" : $"relaybox {config.Server.Hostname}";
    }
}
