using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Delivery.Probe;
using Relaybox.Smtp.Delivery.Rewriting;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Queue;
using Serilog;
using ClientTlsLevel = Relaybox.Smtp.Delivery.Client.TlsSecurityLevel;
using ConfigTlsLevel = Relaybox.Appliance.Configuration.Options.TlsSecurityLevel;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// Turns [relay], [rewrite] and [queue] into the queue manager's <see cref="DeliverySetup"/>: the route
/// (smarthost or MX, fallback relay, TLS policy, credentials, name servers), the rewriter, the bounce sender
/// and the schedule. Built at start and again at each reload.
/// </summary>
public static class DeliverySetupFactory
{
    public static DeliverySetup Build(RelayboxConfig config, IMessageSpool spool, IOwnerAlerts? alerts, ILogger log, TimeProvider time)
    {
        string hostName = config.Server.Hostname;
        var credentials = LoadCredentials(config.Relay, log);
        var routing = new RoutingOptions
        {
            HeloName = hostName,
            Relayhost = Smarthost(config.Relay.RelayHost, config.Relay, config.Relay.TlsSecurityLevel, credentials),
            FallbackRelay = config.Relay.RelayHost is null
                ? Smarthost(config.Relay.FallbackRelay, config.Relay, config.Relay.FallbackTlsSecurityLevel, credentials)
                : null,
            MxTls = new TlsPolicy { Level = ToClient(config.Relay.RelayHost is null ? config.Relay.TlsSecurityLevel : ConfigTlsLevel.May) },
        };
        var resolver = new MxResolver(new DnsClient(NameServers(config.Relay), time));
        var client = new SmtpDeliveryClient(time);
        var route = new DeliveryRouter(routing, resolver, client, time);

        string? admin = config.Rewrite.Admin;
        var rewriter = new MessageRewriter(
            admin is null ? null : new RecipientRewriter(admin, hostName, config.Rewrite.LocalDomains),
            new SenderRewriter(config.Rewrite.SenderMap),
            new HeaderFixer(hostName));
        var bounces = new BounceSender(
            new BounceRecipientPolicy(new BounceRecipientOptions(admin, config.Rewrite.IsLocalDomain)),
            new DsnBuilder(new DsnOptions(hostName), time), spool, hostName, log, time);
        var options = new QueueManagerOptions(config.Queue.Concurrency, config.Queue.Retry) { Deliver = config.Queue.Deliver };
        return new DeliverySetup(route, rewriter, bounces, options, alerts, client);
    }

    /// <summary>What the owner alerts take from the configuration; their state lives in &lt;data_dir&gt;/alerts.</summary>
    public static OwnerAlertOptions AlertOptions(RelayboxConfig config) =>
        new(config.Server.Hostname, config.Rewrite.Admin, Path.Combine(config.Server.DataDir, "alerts"))
        {
            QueueStuckAfter = config.Queue.StuckAlert,
            PasswordFile = config.Relay.SaslPasswordFile ?? "/etc/relaybox/relayhost.secret",
        };

    /// <summary>
    /// The smarthost connection test for the configured relayhost, built exactly as delivery builds its route (TLS
    /// level, pins, CA file, wrapper mode, login, HELO name, name servers). Null when no relayhost is set. A
    /// sasl_password_file that cannot be used is <paramref name="passwordProblem"/> (never the password); the test
    /// then runs without a login, as delivery would.
    /// </summary>
    public static ProbeRequest? RelayhostProbe(RelayboxConfig config, out string? passwordProblem)
    {
        passwordProblem = null;
        UpstreamCredentials? credentials = null;
        if (config.Relay.SaslPasswordFile is { } path)
        {
            var loaded = RelayhostPasswordFile.Load(path);
            passwordProblem = loaded.Error;
            credentials = loaded.Credentials;
        }

        return Smarthost(config.Relay.RelayHost, config.Relay, config.Relay.TlsSecurityLevel, credentials) is { } relayhost
            ? new ProbeRequest(relayhost) { HeloName = config.Server.Hostname, NameServers = NameServers(config.Relay) }
            : null;
    }

    /// <summary>A human description of where mail goes, for the start-up log line.</summary>
    public static string Describe(RelayboxConfig config) =>
        !config.Queue.Deliver ? "nowhere: delivery is off ([queue] deliver = no)"
        : config.Relay.RelayHost is { } relay ? $"through the smarthost {relay} (TLS {config.Relay.TlsSecurityLevel.ToString().ToLowerInvariant()})"
        : config.Relay.FallbackRelay is { } fallback ? $"to each domain's MX, or through {fallback} when port 25 is blocked"
        : "to each domain's MX";

    private static Relayhost? Smarthost(RelayHostAddress? address, RelaySection relay, ConfigTlsLevel level, UpstreamCredentials? credentials)
    {
        if (address is null)
        {
            return null;
        }

        var pins = relay.TlsFingerprints.Select(Convert.FromHexString).ToArray();
        return new Relayhost(address.Host, address.Port)
        {
            LookUpMx = address.LookUpMx,
            Credentials = credentials,
            Tls = new TlsPolicy
            {
                // A pin replaces CA verification (Postfix's "fingerprint" level): the pin is the check, TLS stays required.
                Level = pins.Length > 0 && level >= ConfigTlsLevel.Verify ? ClientTlsLevel.Encrypt : ToClient(level),
                WrapperMode = relay.TlsWrapperMode,
                CaFile = relay.TlsCaFile,
                PinnedFingerprints = pins,
                ExpectedName = address.Host,
            },
        };
    }

    private static UpstreamCredentials? LoadCredentials(RelaySection relay, ILogger log)
    {
        if (relay.SaslPasswordFile is not { } path)
        {
            return null;
        }

        var loaded = RelayhostPasswordFile.Load(path);
        if (loaded.Error is { } error)
        {
            // Delivery goes on without AUTH: a smarthost that needs it refuses, and the owner is alerted.
            log.Error("[relay] sasl_password_file: {Problem}; delivering without a login", error);
        }

        return loaded.Credentials;
    }

    private static DnsClientOptions NameServers(RelaySection relay) =>
        relay.DnsServers.Count > 0 ? new DnsClientOptions(relay.DnsServers) : ResolvConf.Load();

    private static ClientTlsLevel ToClient(ConfigTlsLevel level) => level switch
    {
        ConfigTlsLevel.None => ClientTlsLevel.None,
        ConfigTlsLevel.May => ClientTlsLevel.May,
        ConfigTlsLevel.Encrypt => ClientTlsLevel.Encrypt,
        ConfigTlsLevel.Verify => ClientTlsLevel.Verify,
        _ => ClientTlsLevel.Secure,
    };
}
