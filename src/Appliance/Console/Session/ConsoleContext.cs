using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Console.Editing;
using Relaybox.Appliance.Console.Prompts;
using Relaybox.Appliance.Console.Terminal;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Delivery.Probe;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Console.Session;

/// <summary>
/// What every console screen works with: the terminal, the config file it edits, the daemon it talks to, and the
/// session's unlock state (the admin password is asked once per session, before the first change).
/// </summary>
public sealed class ConsoleContext(ConsoleTerminal terminal, string configPath, TimeProvider time)
{
    /// <summary>Wrong admin passwords in a row before the console makes the next try wait.</summary>
    private const int FreeAttempts = 3;

    private bool unlocked;
    private int failedAttempts;

    public ConsoleTerminal Terminal { get; } = terminal;

    public Questions Ask { get; } = new(terminal);

    public string ConfigPath { get; } = configPath;

    public TimeProvider Time { get; } = time;

    public SafeFile Files { get; } = SafeFile.Default;

    public SmarthostProbe Probe { get; } = new(time);

    /// <summary>The configuration as the daemon would load it now; null (diagnostics printed) when the file is broken.</summary>
    public RelayboxConfig? LoadConfig(bool quiet = false)
    {
        if (!File.Exists(ConfigPath))
        {
            return ConfigLoader.Parse("", ConfigPath).Config;
        }

        var loaded = ConfigLoader.Load(ConfigPath);
        if (loaded.Config is null && !quiet)
        {
            foreach (var error in loaded.Errors)
            {
                Terminal.Problem(error.ToString());
            }
        }

        return loaded.Config;
    }

    /// <summary>The users of <paramref name="config"/>; an unreadable file is named and treated as empty.</summary>
    public UserDatabase LoadUsers(RelayboxConfig config)
    {
        try
        {
            return UserDatabase.Load(config.Auth.UsersFile);
        }
        catch (Exception e) when (e is UserFileException or IOException or UnauthorizedAccessException)
        {
            Terminal.Problem($"the user file cannot be read: {e.Message}");
            return UserDatabase.Empty;
        }
    }

    /// <summary>The daemon serving <paramref name="config"/>'s data directory.</summary>
    public DaemonLink Daemon(RelayboxConfig config) => new(ControlSocket.PathIn(config.Server.DataDir));

    /// <summary>True when a daemon answers on the control socket of the configuration as it is now.</summary>
    public async Task<bool> DaemonRunsAsync(CancellationToken cancellationToken) =>
        LoadConfig(quiet: true) is { } config
        && (await Daemon(config).StatusAsync(cancellationToken)).Outcome == Control.ControlOutcome.Ok;

    public ConsoleAdminPassword AdminPassword(RelayboxConfig config) => new(ConsoleAdminPassword.PathIn(config.Server.DataDir), Files);

    /// <summary>A fresh set of changes on the config file as it is now.</summary>
    public PendingChanges NewChanges() => new(ConfigDraft.Load(ConfigPath));

    /// <summary>
    /// True when changes may be made: no admin password is set, or it was typed correctly in this session. A
    /// forgotten one is cleared by pressing the box's button while the console waits for it.
    /// </summary>
    public async Task<bool> MayChangeAsync(CancellationToken cancellationToken)
    {
        var config = LoadConfig(quiet: true);
        if (unlocked || config is null || !AdminPassword(config).IsSet)
        {
            return true;
        }

        var password = AdminPassword(config);
        Terminal.WriteLine("Changes are protected by the console admin password. (Forgot it? Type \"button\".)");
        string typed = Terminal.ReadSecret("Console admin password: ");
        if (typed == "button")
        {
            return await ClearByButtonAsync(config, password, cancellationToken);
        }

        if (failedAttempts >= FreeAttempts)
        {
            // Slows guessing on a console left attached to a terminal server; the owner loses a few seconds.
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 2 << (failedAttempts - FreeAttempts))), Time, cancellationToken);
        }

        if (password.Verify(typed))
        {
            unlocked = true;
            failedAttempts = 0;
            return true;
        }

        failedAttempts++;
        Terminal.Problem("wrong password; nothing changed");
        return false;
    }

    /// <summary>After the password was set or cleared in this session, the session is unlocked.</summary>
    public void Unlock() => unlocked = true;

    private async Task<bool> ClearByButtonAsync(RelayboxConfig config, ConsoleAdminPassword password, CancellationToken cancellationToken)
    {
        var daemon = Daemon(config);
        if (await daemon.ButtonPressesAsync(cancellationToken) is not { } before)
        {
            Terminal.Problem("the button cannot be read (no button configured, or relaybox is not running); a factory reset also clears the password");
            return false;
        }

        Terminal.WriteLine("Press the button on the box briefly within 60 seconds ...");
        var deadline = Time.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (Time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), Time, cancellationToken);
            if (await daemon.ButtonPressesAsync(cancellationToken) is { } now && now > before)
            {
                password.Clear();
                unlocked = true;
                Terminal.Good("Button pressed: the console admin password is cleared. Set a new one in the menu.");
                return true;
            }
        }

        Terminal.Problem("no button press seen; the password stays");
        return false;
    }

    /// <summary>Writes <paramref name="changes"/> and reloads the daemon, telling the operator how it went.</summary>
    public async Task<bool> ApplyAsync(PendingChanges changes, CancellationToken cancellationToken)
    {
        // The daemon to reload is the one running now, found through the data directory it was started with.
        var running = LoadConfig(quiet: true) ?? changes.Config.Check().Config;
        var daemon = running is null ? null : Daemon(running);
        var apply = new ConsoleApply(Files, token => daemon is null ? Task.FromResult(ControlReply.NotRunning) : daemon.ReloadAsync(token));
        var result = await apply.ApplyAsync(changes, cancellationToken);
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity != ConfigSeverity.Note))
        {
            if (diagnostic.IsError)
            {
                Terminal.Problem(diagnostic.Message);
            }
            else
            {
                Terminal.WriteLine("note: " + diagnostic.Message);
            }
        }

        foreach (string line in result.Written)
        {
            Terminal.WriteLine("written: " + line);
        }

        switch (result.Outcome)
        {
            case ApplyOutcome.AppliedAndReloaded:
                Terminal.Good("Saved. relaybox runs with the new settings now.");
                return true;
            case ApplyOutcome.AppliedNotRunning:
                Terminal.WriteLine("Saved. relaybox is not running: the settings take effect when it starts (systemctl start relaybox).");
                return true;
            case ApplyOutcome.AppliedReloadFailed:
                Terminal.Problem($"Saved, but relaybox did not take the new settings: {result.Problem}. It keeps serving with the previous ones.");
                return true;
            default:
                Terminal.Problem(result.Problem ?? "nothing was written");
                return false;
        }
    }
}
