using System.Globalization;
using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;

namespace Relaybox.Appliance.Setup;

/// <summary>
/// Everything one factory reset touches, worked out before the first file changes, so that a rerun after a
/// crash (same <see cref="StartedAt"/>, read back from the marker) names the same files and backups.
/// </summary>
/// <param name="StartedAt">When the reset began, to the second: the suffix of every backup.</param>
/// <param name="DataDir">Kept by the reset; holds the marker, the queue and the alerts file.</param>
/// <param name="ConfigFile">The file to replace; null when relaybox runs on the embedded demo configuration.</param>
/// <param name="FactoryConfigText">What <see cref="ConfigFile"/> becomes.</param>
/// <param name="UsersFiles">The users files of the previous and of the factory configuration (distinct, absolute).</param>
/// <param name="CertificateFiles">Key first, then certificate: relaybox's own pair in the data directory, so the next
/// start generates a new one. An owner's certificate named explicitly in [tls] is not relaybox's to delete.</param>
/// <param name="RelayPasswordFile">The smarthost login ([relay] sasl_password_file): deleted, never backed up.</param>
/// <param name="MoveQueueToHold">False when a running queue manager has held the queue itself (IQueueControl.HoldAsync("all")):
/// its files are then not moved behind its back.</param>
public sealed record FactoryResetPlan(
    DateTimeOffset StartedAt,
    string DataDir,
    string? ConfigFile,
    string FactoryConfigText,
    IReadOnlyList<string> UsersFiles,
    IReadOnlyList<string> CertificateFiles,
    string? RelayPasswordFile,
    bool MoveQueueToHold)
{
    /// <summary>The suffix of the backups: ".before-reset-20261122T191530Z".</summary>
    public string BackupSuffix => BackupSuffixFor(StartedAt);

    public string MarkerFile => FactoryResetMarker.PathIn(DataDir);

    public string? ConfigBackup => ConfigFile is null ? null : ConfigFile + BackupSuffix;

    public string AlertsFile => Path.Combine(DataDir, "alerts");

    public string ConsolePasswordFile => Console.Session.ConsoleAdminPassword.PathIn(DataDir);

    public string QueueRoot => Path.Combine(DataDir, "queue");

    public string BackupOf(string file) => file + BackupSuffix;

    public static string BackupSuffixFor(DateTimeOffset startedAt) =>
        ".before-reset-" + startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The plan for resetting a box configured as <paramref name="original"/> (the configuration before the reset).</summary>
    public static FactoryResetPlan For(RelayboxConfig original, string? configFile, DateTimeOffset startedAt, bool moveQueueToHold)
    {
        string dataDir = original.Server.DataDir;
        string? backupName = configFile is null ? null : Path.GetFileName(configFile) + BackupSuffixFor(startedAt);
        string text = FactoryDefaults.Text(dataDir, original.Gpio, startedAt, backupName);

        // The factory file is parsed like any other so its paths (users, tls/) resolve exactly as the daemon will.
        var factory = ConfigLoader.Parse(text, configFile ?? DemoConfig.FileName).Config
            ?? throw new InvalidOperationException("the factory configuration does not parse");

        var users = new[] { original.Auth.UsersFile, factory.Auth.UsersFile }.Distinct(StringComparer.Ordinal).ToArray();
        var certificates = new List<string> { factory.Tls.KeyFile, factory.Tls.CertFile };
        if (!original.Tls.CertExplicit)
        {
            certificates.Insert(0, original.Tls.KeyFile);
            certificates.Add(original.Tls.CertFile);
        }

        return new FactoryResetPlan(startedAt, dataDir, configFile, text, users,
            certificates.Distinct(StringComparer.Ordinal).ToArray(), original.Relay.SaslPasswordFile, moveQueueToHold);
    }
}
