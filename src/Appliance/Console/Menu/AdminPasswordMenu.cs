using Relaybox.Appliance.Console.Session;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>Sets, changes or removes the console admin password (changing it needs the current one, as every change does).</summary>
public sealed class AdminPasswordMenu(ConsoleContext context)
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return Task.CompletedTask;
        }

        var password = context.AdminPassword(config);
        var terminal = context.Terminal;
        terminal.WriteLine(password.IsSet
            ? "A console admin password is set: every change asks for it once per session."
            : "No console admin password is set: anyone at this terminal can change settings.");
        var choices = new List<string> { password.IsSet ? "Change it" : "Set one" };
        if (password.IsSet)
        {
            choices.Add("Remove it");
        }

        choices.Add("Leave it as it is");
        string picked = choices[context.Ask.Choose("What now?", choices, suggested: choices.Count - 1)];
        if (picked.StartsWith("Leave", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        Directory.CreateDirectory(config.Server.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (picked.StartsWith("Remove", StringComparison.Ordinal))
        {
            password.Clear();
            terminal.WriteLine("Removed.");
        }
        else
        {
            password.Set(context.Ask.AskNewPassword("the console"));
            terminal.WriteLine("Set. If it is forgotten, a press of the box's button clears it (type \"button\" at the password prompt).");
        }

        context.Unlock();
        return Task.CompletedTask;
    }
}
