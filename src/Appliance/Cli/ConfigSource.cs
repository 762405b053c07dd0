using Relaybox.Appliance.Configuration;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// Where the configuration comes from: --config FILE, else $RELAYBOX_CONFIG, else /etc/relaybox/relaybox.ini;
/// when none was named and the default file does not exist, the embedded demo configuration.
/// </summary>
public sealed record ConfigSource(string? Path)
{
    public const string EnvironmentVariable = "RELAYBOX_CONFIG";

    public bool IsDemo => Path is null;

    public string DisplayName => Path ?? DemoConfig.FileName;

    public static ConfigSource Resolve(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return new ConfigSource(explicitPath);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return new ConfigSource(fromEnvironment);
        }

        return File.Exists(ConfigLoader.DefaultPath) ? new ConfigSource(ConfigLoader.DefaultPath) : new ConfigSource((string?)null);
    }

    public ConfigLoadResult Load() => Path is null ? DemoConfig.Load() : ConfigLoader.Load(Path);
}
