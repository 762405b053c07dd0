using System.Globalization;
using System.Net;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Console.Editing;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Appliance.Console.Setup;

/// <summary>
/// The smarthost as the operator described it, and how that reads in relaybox.ini: <c>relayhost = [host]:port</c>
/// (brackets: connect to that host, no MX lookup, as Postfix users write it), <c>tls_wrappermode</c> for implicit
/// TLS, <c>tls_security_level = none</c> only when asked for, a pinned certificate when the operator trusted one,
/// and the login in its own 0600 file beside the config file.
/// </summary>
public sealed record SmarthostChoice(string Host, int Port, SmarthostTls Tls, UpstreamCredentials? Login, string? PinnedFingerprint = null)
{
    /// <summary>The relayhost login file's name, next to relaybox.ini.</summary>
    public const string LoginFileName = "relayhost.secret";

    public string RelayhostValue => $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>One line for summaries; never shows the password.</summary>
    public string Describe()
    {
        string tls = Tls switch
        {
            SmarthostTls.StartTls => "STARTTLS",
            SmarthostTls.ImplicitTls => "implicit TLS",
            _ => "no TLS",
        };
        string pin = PinnedFingerprint is null ? "" : ", certificate pinned";
        string login = Login is null ? "no login" : $"login {Login.Login}";
        return $"{RelayhostValue}, {tls}{pin}, {login}";
    }

    /// <summary>Puts the choice into the draft (and the login into the pending changes).</summary>
    public void ApplyTo(PendingChanges changes)
    {
        ConfigDraft draft = changes.Config;
        draft.Set(ConfigSchema.RelayHost, RelayhostValue);
        SetOrUnset(draft, ConfigSchema.TlsWrapperMode, Tls == SmarthostTls.ImplicitTls ? "yes" : null);
        SetOrUnset(draft, ConfigSchema.TlsSecurityLevel, Tls == SmarthostTls.None ? "none" : null);
        SetOrUnset(draft, ConfigSchema.TlsFingerprint, PinnedFingerprint);
        if (Login is not null)
        {
            draft.Set(ConfigSchema.SaslPasswordFile, LoginFilePath(draft));
        }
        else
        {
            draft.Unset(ConfigSchema.SaslPasswordFile);
        }

        changes.RelayhostLogin = Login;
    }

    /// <summary>No smarthost: every domain's MX directly; the smarthost's TLS and login settings go too.</summary>
    public static void ApplyDirectDelivery(PendingChanges changes)
    {
        foreach (var key in new[] { ConfigSchema.RelayHost, ConfigSchema.TlsWrapperMode, ConfigSchema.TlsSecurityLevel,
                                    ConfigSchema.TlsFingerprint, ConfigSchema.SaslPasswordFile })
        {
            changes.Config.Unset(key);
        }

        changes.RelayhostLogin = null;
    }

    /// <summary>The login file the draft names, else relayhost.secret beside the config file.</summary>
    public static string LoginFilePath(ConfigDraft draft) =>
        draft.IsSet(ConfigSchema.SaslPasswordFile) && draft.Value(ConfigSchema.SaslPasswordFile).Length > 0
            ? draft.Value(ConfigSchema.SaslPasswordFile)
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(draft.Path)) ?? "/", LoginFileName);

    /// <summary>A host as the operator may type it: a name or an address (IPv6 without brackets).</summary>
    public static string Normalise(string host)
    {
        string trimmed = host.Trim().TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(trimmed, out _) ? trimmed : trimmed.TrimEnd('.').ToLowerInvariant();
    }

    private static void SetOrUnset(ConfigDraft draft, ConfigKey key, string? value)
    {
        if (value is null)
        {
            draft.Unset(key);
        }
        else
        {
            draft.Set(key, value);
        }
    }
}
