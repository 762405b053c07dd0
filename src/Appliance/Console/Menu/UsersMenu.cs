using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Console.Session;
using Relaybox.Smtp.Auth;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>Users who submit with a login: list, add, change a password, delete. Each change is applied at once.</summary>
public sealed class UsersMenu(ConsoleContext context, CommandScreens screens)
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        MenuLoop.RunAsync(context, () => "Users", [
            new MenuItem("List users", false, _ => ListAsync()),
            new MenuItem("Add a user", true, AddAsync),
            new MenuItem("Change a user's password", true, PasswordAsync),
            new MenuItem("Delete a user", true, DeleteAsync),
        ], "Back to the main menu", cancellationToken);

    private async Task ListAsync()
    {
        if (context.LoadConfig() is not { } config)
        {
            return;
        }

        await screens.ShowAsync(output =>
        {
            var users = context.LoadUsers(config);
            output.WriteLine(users.Users.Count == 0 ? "no users yet" : $"{users.Users.Count} users:");
            UserCommands.List(users, output);
            return Task.FromResult(ExitCodes.Ok);
        });
    }

    private async Task AddAsync(CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return;
        }

        var users = context.LoadUsers(config);
        string login = context.Ask.Ask("New user's name", null, answer =>
            !LoginName.TryValidate(answer, out string? problem) ? problem
            : users.Find(answer) is not null ? $"{answer} exists already (change its password instead)"
            : null);
        var changes = context.NewChanges();
        changes.SetUser(login, context.Ask.AskNewPassword(login));
        await context.ApplyAsync(changes, cancellationToken);
    }

    private async Task PasswordAsync(CancellationToken cancellationToken)
    {
        if (PickExisting("Whose password") is not { } login)
        {
            return;
        }

        var changes = context.NewChanges();
        changes.SetUser(login, context.Ask.AskNewPassword(login));
        await context.ApplyAsync(changes, cancellationToken);
    }

    private async Task DeleteAsync(CancellationToken cancellationToken)
    {
        if (PickExisting("Delete which user") is not { } login)
        {
            return;
        }

        if (!context.Ask.Confirm($"Delete {login}? Devices using it can no longer send", suggested: false))
        {
            context.Terminal.WriteLine("Nothing changed.");
            return;
        }

        var changes = context.NewChanges();
        changes.DeleteUser(login);
        await context.ApplyAsync(changes, cancellationToken);
    }

    private string? PickExisting(string question)
    {
        if (context.LoadConfig() is not { } config)
        {
            return null;
        }

        var users = context.LoadUsers(config);
        if (users.Users.Count == 0)
        {
            context.Terminal.WriteLine("There are no users yet.");
            return null;
        }

        var logins = users.Users.Select(u => u.Login).ToList();
        return logins[context.Ask.Choose(question + "?", logins)];
    }
}
