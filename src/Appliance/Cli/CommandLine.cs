using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Commands;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Hosting;

namespace Relaybox.Appliance.Cli;

/// <summary>The verbs of the relaybox binary and the options each takes.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage:
          relaybox run [--config FILE]            the daemon, in the foreground (no config: a loopback demo)
          relaybox user add|del|list|passwd|import ... [--config FILE]
          relaybox queue list|show ID|flush|hold ID|release ID|delete ID ... [--config FILE]
          relaybox console [--config FILE]         the setup and status console on this terminal (the serial port)
          relaybox console password set [--password-stdin] | clear   the console's admin password
          relaybox status [--config FILE]         whether the daemon runs; its queue and alerts (exit 3: not running)
          relaybox reload [--config FILE]         what SIGHUP does, and whether it worked (exit 1: refused, 3: not running)
          relaybox log [--lines N] [--config FILE]   the running daemon's last log lines (default 50, at most 200)
          relaybox send-test [ADDRESS] [--wait N] [--config FILE]   queue a test message (default: the admin), wait for its fate
          relaybox tls show|new|install CERT.pem KEY.pem [--config FILE]   the TLS certificate; new = self-signed
          relaybox config check [--config FILE]   validate; non-zero exit on errors
          relaybox config show [--config FILE]    the values that differ from the defaults
          relaybox config set SECTION.KEY VALUE [--config FILE]
          relaybox config unset SECTION.KEY [--config FILE]
          relaybox config reference               every key with its default and meaning
          relaybox gpio test [--seconds N] [--config FILE]   light each LED in turn, then show button presses
          relaybox relayhost test [--config FILE]            connect to the smarthost as delivery would; no mail is sent
          relaybox factory-reset --yes [--config FILE]       default config, no users, new TLS key, queued mail held
          relaybox version
        The config file is --config FILE, else $RELAYBOX_CONFIG, else /etc/relaybox/relaybox.ini.
        """;

    private static readonly IReadOnlySet<string> ValueOptions = new HashSet<string> { "--config", "--sender", "--messages-per-hour", "--seconds", "--lines", "--wait" };
    private static readonly IReadOnlySet<string> FlagOptions = new HashSet<string> { "--password-stdin", "--help", "--yes" };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!Arguments.TryParse(args, ValueOptions, FlagOptions, out var arguments, out string parseError))
        {
            error.WriteLine($"relaybox: {parseError}\n{Usage}");
            return ExitCodes.Usage;
        }

        var words = arguments.Positional;
        if (words.Count == 0 || arguments.Has("--help") || words[0] is "help")
        {
            (words.Count == 0 ? error : output).WriteLine(Usage);
            return words.Count == 0 && !arguments.Has("--help") ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var source = ConfigSource.Resolve(arguments.Value("--config"));
        switch (words[0])
        {
            case "run":
                return await Daemon.RunAsync(source, output, error);
            case "user":
                return RunUserCommand(words.Skip(1).ToArray(), arguments, source, output, error);
            case "queue":
                return await RunQueueCommandAsync(words.Skip(1).ToArray(), source, output, error);
            case "console" when words.Count == 1:
                return await Console.ConsoleProgram.RunOnTerminalAsync(source.Path ?? ConfigLoader.DefaultPath);
            case "console" when words.Count > 1 && words[1] == "password":
                return LoadForCommand(source, error) is { } consoleConfig
                    ? ConsolePasswordCommand.Run(words.Skip(2).ToArray(), arguments.Has("--password-stdin"), consoleConfig, output, error)
                    : ExitCodes.Config;
            case "console":
                error.WriteLine("usage: relaybox console [--config FILE]\n       " + ConsolePasswordCommand.Usage);
                return ExitCodes.Usage;
            case "status":
                return await RunStatusCommandAsync(source, output, error);
            case "reload":
                // A file with errors would be refused by the daemon too (exit 1, as its refusal): it is not even asked.
                return LoadForCommand(source, error) is { } reloaded
                    ? await ReloadCommand.RunAsync(DaemonReply.ClientFor(reloaded), output, error)
                    : ExitCodes.Failure;
            case "log":
                return await RunDaemonCommandAsync(source, error, config => LogCommand.RunAsync(arguments.Value("--lines"), DaemonReply.ClientFor(config), output, error));
            case "send-test":
                return await RunSendTestAsync(words.Skip(1).ToArray(), arguments, source, output, error);
            case "tls":
                return await RunDaemonCommandAsync(source, error, config =>
                    TlsCommands.RunAsync(words.Skip(1).ToArray(), config, DaemonReply.ClientFor(config), TimeProvider.System, output, error));
            case "config":
                return RunConfigCommand(words.Skip(1).ToArray(), source, output, error);
            case "factory-reset":
                return await FactoryResetCommand.RunAsync(source, arguments.Has("--yes"), output, error);
            case "relayhost":
                return await RelayhostTestCommand.RunAsync(words.Skip(1).ToArray(), source, output, error);
            case "gpio":
                return await RunGpioCommandAsync(words.Skip(1).ToArray(), arguments, source, output, error);
            case "version":
                output.WriteLine("relaybox " + typeof(CommandLine).Assembly.GetName().Version?.ToString(3));
                return ExitCodes.Ok;
            default:
                error.WriteLine($"relaybox: unknown command \"{words[0]}\"\n{Usage}");
                return ExitCodes.Usage;
        }
    }

    private static int RunUserCommand(IReadOnlyList<string> words, Arguments arguments, ConfigSource source, TextWriter output, TextWriter error)
    {
        if (LoadForCommand(source, error) is not { } config)
        {
            return ExitCodes.Config;
        }

        if (source.IsDemo)
        {
            error.WriteLine($"relaybox: no config file; editing the demo configuration's users in {config.Auth.UsersFile}");
        }

        return UserCommands.Run(words, arguments, config, output, error);
    }

    private static async Task<int> RunQueueCommandAsync(IReadOnlyList<string> words, ConfigSource source, TextWriter output, TextWriter error) =>
        LoadForCommand(source, error) is { } config
            ? await QueueCommands.RunAsync(words, config, TimeProvider.System, output, error)
            : ExitCodes.Config;

    private static async Task<int> RunStatusCommandAsync(ConfigSource source, TextWriter output, TextWriter error) =>
        LoadForCommand(source, error) is { } config
            ? await StatusCommand.RunAsync(config, TimeProvider.System, output, error)
            : ExitCodes.Config;

    private static async Task<int> RunDaemonCommandAsync(ConfigSource source, TextWriter error, Func<RelayboxConfig, Task<int>> command) =>
        LoadForCommand(source, error) is { } config ? await command(config) : ExitCodes.Config;

    private static async Task<int> RunSendTestAsync(IReadOnlyList<string> words, Arguments arguments, ConfigSource source, TextWriter output, TextWriter error)
    {
        if (words.Count > 1 || !int.TryParse(arguments.Value("--wait") ?? SendTestCommand.DefaultWaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int wait) || wait > SendTestCommand.MaxWaitSeconds)
        {
            error.WriteLine($"usage: relaybox send-test [ADDRESS] [--wait N] (N from 0 to {SendTestCommand.MaxWaitSeconds} seconds)");
            return ExitCodes.Usage;
        }

        return await RunDaemonCommandAsync(source, error, config => SendTestCommand.RunAsync(words.Count == 1 ? words[0] : null, TimeSpan.FromSeconds(wait),
            config, DaemonReply.ClientFor(config), TimeProvider.System, output, error));
    }

    private static async Task<int> RunGpioCommandAsync(IReadOnlyList<string> words, Arguments arguments, ConfigSource source,
        TextWriter output, TextWriter error)
    {
        if (words is not ["test"])
        {
            error.WriteLine("usage: " + GpioTestCommand.Usage);
            return ExitCodes.Usage;
        }

        if (!int.TryParse(arguments.Value("--seconds") ?? "30", System.Globalization.CultureInfo.InvariantCulture, out int seconds) || seconds is < 0 or > 3600)
        {
            error.WriteLine("relaybox gpio test: --seconds takes a whole number from 0 to 3600");
            return ExitCodes.Usage;
        }

        if (LoadForCommand(source, error) is not { } config)
        {
            return ExitCodes.Config;
        }

        using var interrupt = new CancellationTokenSource();
        using var ctrlC = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            interrupt.Cancel();
        });
        try
        {
            return await GpioTestCommand.RunAsync(config.Gpio, source.DisplayName, TimeSpan.FromSeconds(seconds),
                new Relaybox.Hardware.Gpio.SystemGpioChipCatalog(), output, error, interrupt.Token);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("interrupted");
            return ExitCodes.Ok;
        }
    }

    /// <summary>The configuration a verb works on; null (with the diagnostics printed) when it has errors.</summary>
    private static RelayboxConfig? LoadForCommand(ConfigSource source, TextWriter error)
    {
        var loaded = source.Load();
        if (loaded.Config is null)
        {
            Diagnostics.Print(loaded.Diagnostics, error);
            error.WriteLine($"relaybox: fix {source.DisplayName} first (relaybox config check)");
        }

        return loaded.Config;
    }

    private static int RunConfigCommand(IReadOnlyList<string> words, ConfigSource source, TextWriter output, TextWriter error)
    {
        string verb = words.Count > 0 ? words[0] : "";
        if (verb == "reference")
        {
            ConfigReference.Write(output);
            return ExitCodes.Ok;
        }

        if (source.Path is not { } path)
        {
            error.WriteLine($"relaybox config {verb}: no config file at {ConfigLoader.DefaultPath}; name one with --config FILE");
            return ExitCodes.Failure;
        }

        return (verb, words.Count) switch
        {
            ("check", 1) => ConfigCheck.Run(path, output),
            ("show", 1) => ConfigShow.Run(path, output),
            ("set", 3) => ConfigSet.Run(path, words[1], words[2], output),
            ("unset", 2) => ConfigSet.Unset(path, words[1], output),
            _ => UsageError(error),
        };
    }

    private static int UsageError(TextWriter error)
    {
        error.WriteLine(Usage);
        return ExitCodes.Usage;
    }
}
