using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Values;
using Relaybox.Appliance.Control;
using Relaybox.Appliance.Setup;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Relay;
using Relaybox.Smtp.Server;
using Relaybox.Smtp.Storage;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// "relaybox run": loads the configuration, prepares the data directory, certificate, users and queue, starts
/// the listeners, and then waits for signals: SIGHUP reloads configuration, users and certificate without
/// dropping sessions; SIGTERM and SIGINT drain and stop.
/// </summary>
public sealed class Daemon : IDaemonControl
{
    /// <summary>How long sessions in the middle of a message may take to finish at shutdown (systemd waits 90 s).</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(30);

    /// <summary>How long deliveries in progress may take to finish at shutdown; the rest are cancelled and retried at the next start.</summary>
    private static readonly TimeSpan DeliveryDrainTime = TimeSpan.FromSeconds(15);

    private readonly ConfigSource source;
    private readonly TextWriter console;
    private readonly TimeProvider time = TimeProvider.System;
    private readonly LoggingLevelSwitch level = new(LogEventLevel.Information);
    private readonly RecentLog recent = new();
    private readonly Logger log;
    private readonly AuthThrottle throttle;
    private readonly SendingQuota quota;
    private readonly SemaphoreSlim reloadGate = new(1, 1);
    private RelayboxConfig config;
    private ReloadingCredentialStore credentials = null!;
    private X509Certificate2? certificate;
    private SmtpServer? server;
    private NotifyingSpool? spool;
    private QueueManager? manager;
    private OwnerAlerts? alerts;
    private ControlServer? control;
    private BoxHardware? hardware;
    private RunningFactoryReset? factoryReset;
    private readonly BoxStatusSource boxStatus = new();
    private bool renewAlerts;
    private string? demoPassword;
    private DateTimeOffset started;

    private Daemon(ConfigSource source, RelayboxConfig config, TextWriter console)
    {
        this.source = source;
        this.config = config;
        this.console = console;
        level.MinimumLevel = ToSerilog(config.Server.LogLevel);
        log = Logging.Create(level, recent);
        throttle = new AuthThrottle(time);
        quota = new SendingQuota(time);
    }

    public static async Task<int> RunAsync(ConfigSource source, TextWriter console, TextWriter error)
    {
        var started = Stopwatch.StartNew();
        var loaded = source.Load();
        Diagnostics.Print(loaded.Diagnostics, error);
        if (loaded.Config is null)
        {
            error.WriteLine($"relaybox: {source.DisplayName} has errors; not starting");
            return ExitCodes.Config;
        }

        var config = loaded.Config;
        try
        {
            // A factory reset cut short (power lost while the button's reset ran) is finished before anything starts.
            if (FactoryReset.Default.FinishPending(config, source.Path, TimeProvider.System) is { } finished)
            {
                foreach (string step in finished.Done)
                {
                    console.WriteLine("relaybox: factory reset finished at start: " + step);
                }

                config = source.Load().Config ?? config;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relaybox: an unfinished factory reset could not be completed: {e.Message}; starting anyway");
        }

        var daemon = new Daemon(source, config, console);
        try
        {
            return await daemon.ServeAsync(started);
        }
        finally
        {
            await daemon.log.DisposeAsync();
        }
    }

    private async Task<int> ServeAsync(Stopwatch started)
    {
        // Signals are taken before the first port opens: whoever sees the port may already send SIGHUP.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _ = Task.Run(() => ReloadAsync(CancellationToken.None));
        });

        this.started = time.GetUtcNow();
        // The LEDs come first: the status LED blinks "starting" while the rest gets ready.
        hardware = BoxHardware.Open(config.Gpio, log, time);
        if (hardware is not null)
        {
            hardware.Show(boxStatus.Current);
            boxStatus.Changed += hardware.Show;
        }

        try
        {
            PrepareDataDirectory();
            LoadCertificate();
            credentials = new ReloadingCredentialStore(config.Auth.UsersFile, log);
            demoPassword = source.IsDemo ? DemoUser.Ensure(config, credentials) : null;

            var queue = new QueueDirectory(Path.Combine(config.Server.DataDir, "queue"), PhysicalFileSystem.Instance);
            queue.EnsureCreated();
            var recovery = new SpoolRecovery(queue).RecoverAfterCrash();
            log.Information("queue {QueueDirectory}: {Messages} messages waiting, {Orphans} unfinished removed, {Corrupt} unreadable",
                queue.Root, recovery.CompleteMessages, recovery.OrphansRemoved + recovery.IncomingRemoved, recovery.Corrupt.Count);
            foreach (var corrupt in recovery.Corrupt)
            {
                log.Error("queue entry {QueueId} is unreadable and was left in place: {Problem}", corrupt.Id, corrupt.Problem);
            }

            // Every committed message (from a client, a bounce or an alert) wakes the queue manager at once.
            spool = new NotifyingSpool(new Spool(queue, time), message =>
            {
                manager?.Enqueue(message);
                hardware?.Flash();
            });
            UseAlerts(new OwnerAlerts(DeliverySetupFactory.AlertOptions(config), spool, log, time));
            manager = new QueueManager(queue, DeliverySetupFactory.Build(config, spool, alerts, log, time), log, time);
            manager.Delivered += () => hardware?.Flash();
            manager.Start();
            log.Information("delivering {Route}", DeliverySetupFactory.Describe(config));

            // relaybox queue ... and relaybox status reach the running daemon here, so they never race a delivery.
            control = new ControlServer(ControlSocket.PathIn(config.Server.DataDir), manager, this, log);
            await control.StartAsync();

            server = new SmtpServer(ServerSetup.Listeners(config.Listen), BuildSettings(config), spool, log, time);
            await server.StartAsync();
            boxStatus.ObserveSetup(SetupFacts.From(config, source.IsDemo, credentials.Count));
            boxStatus.MarkStarted();

            // The button's 10 s hold: everything held, the files reset, then the same reload SIGHUP does.
            factoryReset = new RunningFactoryReset(() => config, source.Path, manager, ReloadAfterResetAsync, boxStatus, log, time);
            hardware?.StartButton(() => factoryReset.ApplyAsync());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CertificateException or UserFileException
                                      or System.Net.Sockets.SocketException)
        {
            log.Fatal("relaybox cannot start: {Reason}", e.Message);
            return ExitCodes.Failure;
        }

        if (demoPassword is not null)
        {
            DemoUser.PrintWelcome(config, demoPassword, console);
        }

        log.Information("relaybox {Hostname} started in {StartMilliseconds} ms with {UserCount} users from {ConfigFile}",
            config.Server.Hostname, started.ElapsedMilliseconds, credentials.Count, source.DisplayName);

        await stop.Task;
        await control!.StopAsync();
        await control.DisposeAsync();
        if (hardware is not null)
        {
            await hardware.DisposeAsync(); // LEDs off, lines back to the kernel
        }
        log.Information("stopping: no new connections, draining open sessions for up to {DrainSeconds} s", DrainTime.TotalSeconds);
        await server.StopAsync(DrainTime);
        await server.DisposeAsync();
        await manager.StopAsync(DeliveryDrainTime);
        await manager.DisposeAsync();
        log.Information("stopped");
        return ExitCodes.Ok;
    }

    /// <summary>What SIGHUP and the control socket's "reload" do: null when the new configuration serves, else why not.</summary>
    public async Task<string?> ReloadAsync(CancellationToken cancellationToken)
    {
        await reloadGate.WaitAsync(cancellationToken);
        try
        {
            if (server is null)
            {
                log.Warning("SIGHUP during start-up ignored: the configuration is being loaded right now");
                return "relaybox is still starting; try again in a moment";
            }

            var loaded = source.Load();
            foreach (var diagnostic in loaded.Diagnostics)
            {
                var level = diagnostic.Severity switch
                {
                    ConfigSeverity.Error => LogEventLevel.Error,
                    ConfigSeverity.Warning => LogEventLevel.Warning,
                    _ => LogEventLevel.Information,
                };
                log.Write(level, "reload: {Diagnostic}", diagnostic.ToString());
            }

            if (loaded.Config is not { } fresh)
            {
                log.Error("reload refused: {ConfigFile} has errors; still serving with the previous configuration", source.DisplayName);
                string first = loaded.Diagnostics.FirstOrDefault(d => d.Severity == ConfigSeverity.Error)?.ToString() ?? "unreadable";
                return $"{source.DisplayName} has errors; the previous configuration still serves: {first}";
            }

            if (!ServerSetup.Listeners(fresh.Listen).SequenceEqual(ServerSetup.Listeners(config.Listen)))
            {
                log.Warning("reload: listener addresses changed; they take effect at the next restart");
            }

            config = fresh;
            level.MinimumLevel = ToSerilog(fresh.Server.LogLevel);
            LoadCertificate();
            if (credentials.Path != fresh.Auth.UsersFile)
            {
                credentials = new ReloadingCredentialStore(fresh.Auth.UsersFile, log);
            }
            else
            {
                credentials.Reload();
            }

            server!.UpdateSettings(BuildSettings(fresh));
            boxStatus.ObserveSetup(SetupFacts.From(fresh, source.IsDemo, credentials.Count));
            if (renewAlerts || DeliverySetupFactory.AlertOptions(fresh) != DeliverySetupFactory.AlertOptions(config))
            {
                // Picks up the raised alerts from its file (none after a factory reset, which removed it).
                UseAlerts(new OwnerAlerts(DeliverySetupFactory.AlertOptions(fresh), spool!, log, time));
                renewAlerts = false;
            }

            manager!.UpdateSetup(DeliverySetupFactory.Build(fresh, spool!, alerts, log, time));
            log.Information("reloaded {ConfigFile}: {UserCount} users", source.DisplayName, credentials.Count);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CertificateException or UserFileException)
        {
            log.Error("reload incomplete: {Reason}; still serving", e.Message);
            return $"reload incomplete: {e.Message}; still serving";
        }
        finally
        {
            reloadGate.Release();
        }
    }

    private Task ReloadAfterResetAsync()
    {
        renewAlerts = true;
        return ReloadAsync(CancellationToken.None);
    }

    /// <summary>Makes <paramref name="fresh"/> the alerts the queue manager reports to and the error LED follows.</summary>
    private void UseAlerts(OwnerAlerts fresh)
    {
        alerts = fresh;
        fresh.Changed += () => boxStatus.ObserveAlerts(fresh.Active);
        boxStatus.ObserveAlerts(fresh.Active);
    }

    /// <summary>"relaybox status": what runs, where mail goes, the queue from the manager's own view, the raised alerts, the LEDs, the certificate.</summary>
    public Task<IReadOnlyList<string>> StatusAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queue = manager!.Summary();
        var lines = new List<string>
        {
            $"relaybox {config.Server.Hostname}: running since {started:yyyy-MM-dd HH:mm:ss} UTC (pid {Environment.ProcessId})",
            "uptime: " + StatusLines.Uptime(now - started),
            "listening: " + string.Join(", ", ServerSetup.Listeners(config.Listen).Select(l => $"{l.Kind.ToString().ToLowerInvariant()} {l.EndPoint}")),
            StatusLines.Certificate(Volatile.Read(ref certificate)),
            "users: " + credentials.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "delivery: " + DeliverySetupFactory.Describe(config),
            $"queue: {queue.Waiting} waiting ({queue.Deferred} deferred, {queue.InProgress} being delivered), {queue.Held} held" +
                (queue.OldestArrival is { } oldest ? $", oldest {AgeText.Format(now - oldest)}" : ""),
            StatusLines.LastProblem(manager.LastProblem),
        };
        lines.AddRange(StatusLines.Leds(boxStatus.Current, SetupFacts.From(config, source.IsDemo, credentials.Count), hardware?.HasLeds ?? false));
        var raised = alerts?.Active ?? [];
        lines.AddRange(raised.Count == 0
            ? ["alerts: none"]
            : raised.Select(a => $"alert: {a.Kind} since {a.Since:yyyy-MM-dd HH:mm} UTC: {a.Detail}"));
        return Task.FromResult<IReadOnlyList<string>>(lines);
    }

    public IReadOnlyList<string> RecentLog(int count) => recent.Last(count);

    public int? ButtonPresses => hardware?.ShortPresses;

    /// <summary>Queues the test message through the spool, as an alert mail is queued, so it takes the real delivery path.</summary>
    public async Task<TestMailResult> QueueTestMailAsync(string address, CancellationToken cancellationToken)
    {
        if (!MailAddressValue.TryParse(address, out string? recipient, out string? problem) || recipient is null)
        {
            return TestMailResult.Refused(problem ?? "which address?");
        }

        var current = config;
        string from = current.Rewrite.Admin ?? "postmaster@" + current.Server.Hostname;
        var message = TestMessage.Build(from, recipient, current.Server.Hostname, DeliverySetupFactory.Describe(current), time.GetUtcNow(),
            Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        try
        {
            await using var incoming = spool!.Create();
            await incoming.WriteAsync(message.Content, cancellationToken);
            await incoming.CommitAsync(message.Envelope, cancellationToken);
            log.Information("test message {QueueId} queued for {Recipient}", incoming.Id, recipient);
            return TestMailResult.Queued(incoming.Id);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error("test message for {Recipient} could not be queued: {Reason}", recipient, e.Message);
            return TestMailResult.Refused("could not queue the test message: " + e.Message);
        }
    }

    private SmtpServerSettings BuildSettings(RelayboxConfig current) =>
        ServerSetup.Settings(current, new RelayPolicy(ServerSetup.PolicyOptions(current), time, quota), credentials, throttle,
            () => Volatile.Read(ref certificate));

    private void PrepareDataDirectory()
    {
        // The data directory holds the users and the TLS key: nobody else may look in.
        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(config.Server.DataDir, owner);
        Directory.CreateDirectory(Path.Combine(config.Server.DataDir, "tls"), owner);
    }

    /// <summary>
    /// Loads (or on first start creates) the certificate and swaps it in for new handshakes. The previous one
    /// is not disposed: a session in the middle of a handshake may still be using it.
    /// </summary>
    private void LoadCertificate()
    {
        var result = ServerCertificate.LoadOrCreate(config.Tls.CertFile, config.Tls.KeyFile, config.Server.Hostname, time);
        Volatile.Write(ref certificate, result.Certificate);
        log.Information("TLS certificate {CertFile} ({Origin}), SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:yyyy-MM-dd}",
            config.Tls.CertFile, result.Generated ? "self-signed, generated now" : "loaded",
            ServerCertificate.Fingerprint(result.Certificate), result.Certificate.NotAfter);
    }

    private static LogEventLevel ToSerilog(RelayboxLogLevel level) => level switch
    {
        RelayboxLogLevel.Debug => LogEventLevel.Debug,
        RelayboxLogLevel.Warning => LogEventLevel.Warning,
        RelayboxLogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };
}
