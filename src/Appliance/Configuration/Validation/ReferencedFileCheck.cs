using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Configuration.Validation;

/// <summary>
/// What <c>config check</c> can tell about the files the configuration names, from their metadata only: the
/// relayhost password file is never opened, only its existence and mode are looked at. Warnings, not errors,
/// because a config may be checked on another machine than the one it will run on.
/// </summary>
internal sealed class ReferencedFileCheck(IniDocument document, RelayboxConfig config, List<ConfigDiagnostic> diagnostics)
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    public void Run()
    {
        if (config.Relay.SaslPasswordFile is { } secret)
        {
            if (!File.Exists(secret))
            {
                Warning(ConfigSchema.SaslPasswordFile, $"{secret} does not exist: relaybox cannot log in to the relayhost");
            }
            else if ((File.GetUnixFileMode(secret) & GroupOrOther) != 0)
            {
                Warning(ConfigSchema.SaslPasswordFile, $"{secret} is readable or writable by others: chmod 600 it");
            }
        }

        if (config.Relay.TlsCaFile is { } ca && !File.Exists(ca))
        {
            Warning(ConfigSchema.TlsCaFile, $"{ca} does not exist: TLS to the next hop cannot be verified");
        }

        if (config.Tls.CertExplicit)
        {
            foreach ((ConfigKey key, string path) in new[] { (ConfigSchema.TlsCert, config.Tls.CertFile), (ConfigSchema.TlsKey, config.Tls.KeyFile) })
            {
                if (!File.Exists(path))
                {
                    Warning(key, $"{path} does not exist: relaybox generates a certificate only when cert and key are both left unset");
                }
            }
        }
    }

    private void Warning(ConfigKey key, string message) =>
        diagnostics.Add(ConfigDiagnostic.Warning(document.FileName, document.Find(key.Section, key.Name)?.Number ?? 0, message));
}
