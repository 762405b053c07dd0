using System.Globalization;
using System.Text.RegularExpressions;
using Relaybox.Appliance.Control;
using Relaybox.Appliance.Setup;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// "relaybox factory-reset --yes": what the button does, for scripts. Without a running daemon it changes the
/// files itself (queue included). With one, the daemon's queue manager holds the queue first (control socket
/// "hold all"), the files change, and SIGHUP makes the daemon load the factory state, as after "config set".
/// </summary>
public static partial class FactoryResetCommand
{
    /// <summary>Not confirmed: nothing was changed.</summary>
    public const int NotConfirmedExitCode = 2;

    public const string Explanation = """
        relaybox factory-reset --yes
        puts this box back to its factory state, as holding the button for 10 s does:
          - the configuration becomes the factory default (delivery off until set up; data_dir and [gpio] kept);
            the previous file is kept beside it as relaybox.ini.before-reset-<time>
          - all users are removed (the users file is kept as users.before-reset-<time>)
          - the TLS key and certificate are deleted; a new pair is made at the next start or reload
          - the smarthost password file is deleted, with no copy kept
          - queued mail is put on hold: relaybox queue release all, or relaybox queue delete all
        Nothing was changed: add --yes to do it.
        """;

    public static Task<int> RunAsync(ConfigSource source, bool confirmed, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default) =>
        RunAsync(source, confirmed, TimeProvider.System, daemon: null, output, error, cancellationToken);

    internal static async Task<int> RunAsync(ConfigSource source, bool confirmed, TimeProvider time, ControlClient? daemon,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            error.WriteLine(Explanation);
            return NotConfirmedExitCode;
        }

        if (source.Path is not { } configFile)
        {
            error.WriteLine("relaybox factory-reset: no config file; the demo configuration has nothing to reset (name one with --config FILE)");
            return ExitCodes.Failure;
        }

        var loaded = source.Load();
        if (loaded.Config is not { } config)
        {
            Diagnostics.Print(loaded.Diagnostics, error);
            error.WriteLine($"relaybox factory-reset: {configFile} has errors, so its data_dir and [gpio] are unknown; " +
                "fix it or restore a backup first (relaybox config check)");
            return ExitCodes.Config;
        }

        daemon ??= new ControlClient(ControlSocket.PathIn(config.Server.DataDir));
        var held = await daemon.SendAsync(new ControlRequest(ControlVerb.Hold, ControlRequest.All), cancellationToken);
        bool running = held.Outcome == ControlOutcome.Ok;
        if (held.Outcome is ControlOutcome.Refused or ControlOutcome.Failed)
        {
            // A daemon may be running: moving its queue files behind its back could send a message twice.
            error.WriteLine($"relaybox factory-reset: cannot have the running relaybox hold its queue: {held.Error}; nothing was changed");
            return ExitCodes.Failure;
        }

        try
        {
            var plan = FactoryReset.Prepare(config, configFile, time, moveQueueToHold: !running);
            var result = new FactoryReset(PhysicalFileSystem.Instance).Perform(plan);
            foreach (string step in result.Done)
            {
                output.WriteLine(step);
            }

            if (running)
            {
                output.WriteLine("queue: waiting messages put on hold by the running relaybox");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relaybox factory-reset: incomplete: {e.Message}; run it again to finish (the next start also finishes it)");
            return ExitCodes.Failure;
        }

        return running ? await ReloadDaemonAsync(daemon, output, error, cancellationToken) : ExitCodes.Ok;
    }

    /// <summary>The daemon names its pid in the first status line ("... (pid 1234)"); SIGHUP makes it reload.</summary>
    private static async Task<int> ReloadDaemonAsync(ControlClient daemon, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var status = await daemon.SendAsync(ControlRequest.Status, cancellationToken);
        var pid = status.Outcome == ControlOutcome.Ok && status.Lines.Count > 0 ? PidPattern().Match(status.Lines[0]) : null;
        if (pid is { Success: true } && ProcessSignal.SendHangup(int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture)))
        {
            output.WriteLine("the running relaybox reloads in the factory state (new TLS key, no users, delivery off)");
            return ExitCodes.Ok;
        }

        error.WriteLine("relaybox factory-reset: the files are reset but the running relaybox could not be told; " +
            "reload it (systemctl reload relaybox) or restart it");
        return ExitCodes.Failure;
    }

    [GeneratedRegex(@"\(pid (\d{1,9})\)")]
    private static partial Regex PidPattern();
}
