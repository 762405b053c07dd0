using System.Text;
using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Setup;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Setup;

/// <summary>
/// A configured box in a temporary directory: etc/relaybox.ini with a smarthost, its password file, users,
/// a TLS pair, raised alerts, and messages in every queue folder.
/// </summary>
internal sealed class ResetBox : IDisposable
{
    public static readonly DateTimeOffset ResetTime = new(2026, 11, 22, 19, 15, 30, TimeSpan.Zero);

    public ResetBox()
    {
        Root = Path.Combine(Path.GetTempPath(), "relaybox-setup-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "etc"));
        Directory.CreateDirectory(Path.Combine(DataDir, "tls"));
        File.WriteAllText(ConfigFile, $"""
            [server]
            hostname = relay.lan.example
            data_dir = {DataDir}
            mynetworks = 127.0.0.0/8, 192.168.1.0/24

            [listen]
            smtp = 127.0.0.1:2525
            submission = 127.0.0.1:2587
            smtps =

            [relay]
            relayhost = [smtp.provider.example]:587
            sasl_password_file = relayhost.secret

            [rewrite]
            admin = owner@lan.example

            [gpio]
            chip = gpio-sim bank0
            led_status = GPIO17
            led_activity = 5
            led_error =
            button = GPIO23
            leds_active_low = yes
            button_active_low = no

            """);
        File.SetUnixFileMode(ConfigFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.WriteAllText(PasswordFile, "relay-login s3cret-provider-password\n");
        File.WriteAllText(UsersFile, "alice:$scram$...\n");
        File.SetUnixFileMode(UsersFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(DataDir, "tls", "cert.pem"), "old certificate");
        File.WriteAllText(Path.Combine(DataDir, "tls", "key.pem"), "old key");
        File.WriteAllText(AlertsFile, "relaybox-alerts 1\n");

        Queue = new QueueDirectory(Path.Combine(DataDir, "queue"), PhysicalFileSystem.Instance);
        Queue.EnsureCreated();
        // Fixed ids, so that two boxes can be compared file by file.
        Active = [AddMessage("01JD0000000000000000000001", QueueFolder.Active, withState: true),
            AddMessage("01JD0000000000000000000002", QueueFolder.Active, withState: false)];
        Deferred = [AddMessage("01JD0000000000000000000003", QueueFolder.Deferred, withState: true)];
        AlreadyHeld = [AddMessage("01JD0000000000000000000004", QueueFolder.Hold, withState: false)];
    }

    public string Root { get; }

    public string ConfigFile => Path.Combine(Root, "etc", "relaybox.ini");

    public string PasswordFile => Path.Combine(Root, "etc", "relayhost.secret");

    public string DataDir => Path.Combine(Root, "data");

    public string UsersFile => Path.Combine(DataDir, "users");

    public string AlertsFile => Path.Combine(DataDir, "alerts");

    public QueueDirectory Queue { get; }

    public string[] Active { get; }

    public string[] Deferred { get; }

    public string[] AlreadyHeld { get; }

    public IEnumerable<string> AllMessages => Active.Concat(Deferred).Concat(AlreadyHeld);

    public RelayboxConfig LoadConfig() =>
        ConfigLoader.Load(ConfigFile).Config ?? throw new InvalidOperationException("test configuration does not load");

    /// <summary>What the daemon does at start (and the CLI with no daemon): load the file, plan, perform.</summary>
    public FactoryResetResult Reset(IFileSystem fileSystem, DateTimeOffset now) =>
        new FactoryReset(fileSystem).Perform(FactoryReset.Prepare(LoadConfig(), ConfigFile, new SetupClock(now), moveQueueToHold: true));

    /// <summary>Every file under the root with its mode and content (the root replaced by "~"), stray ".tmp" files left out.</summary>
    public IReadOnlyList<string> Snapshot() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".tmp", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => $"{Path.GetRelativePath(Root, path)} {File.GetUnixFileMode(path)}: {File.ReadAllText(path).Replace(Root, "~", StringComparison.Ordinal)}")
            .ToArray();

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string AddMessage(string id, QueueFolder folder, bool withState)
    {
        File.WriteAllText(Queue.QueueFilePath(folder, id), "message " + id, Encoding.ASCII);
        if (withState)
        {
            File.WriteAllText(Queue.StatePath(folder, id), "state " + id, Encoding.ASCII);
        }

        return id;
    }
}
