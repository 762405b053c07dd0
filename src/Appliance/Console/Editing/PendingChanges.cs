using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Appliance.Console.Editing;

/// <summary>
/// Everything one console dialog will change, held in memory until the operator confirms: config values, the
/// relayhost login (written to its own 0600 file, never into the INI), and user accounts. Passwords stay in this
/// object only until the apply turns them into the files' forms.
/// </summary>
public sealed class PendingChanges(ConfigDraft config)
{
    private readonly List<UserChange> users = [];

    public ConfigDraft Config { get; } = config;

    /// <summary>The relayhost login to write into <c>[relay] sasl_password_file</c>; null leaves the file alone.</summary>
    public UpstreamCredentials? RelayhostLogin { get; set; }

    public IReadOnlyList<UserChange> Users => users;

    public bool IsEmpty => !Config.HasChanges && RelayhostLogin is null && users.Count == 0;

    /// <summary>Adds a user, or gives an existing one a new password (a later change to the same login replaces an earlier one).</summary>
    public void SetUser(string login, string password)
    {
        users.RemoveAll(change => change.Login == login);
        users.Add(new UserChange(login, password));
    }

    public void DeleteUser(string login)
    {
        users.RemoveAll(change => change.Login == login);
        users.Add(new UserChange(login, null));
    }
}
