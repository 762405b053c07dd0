namespace Relaybox.Appliance.Configuration.Schema;

/// <summary>
/// Every key relaybox.ini knows: section, type, default and a one-line description. Names follow Postfix
/// wherever Postfix has the same setting (the PostfixName column), so tutorial readers recognise them.
/// The defaults here are the only defaults: the binder parses them like file values.
/// </summary>
public static class ConfigSchema
{
    public const string ServerSection = "server";
    public const string ListenSection = "listen";
    public const string TlsSection = "tls";
    public const string AuthSection = "auth";
    public const string RelaySection = "relay";
    public const string RewriteSection = "rewrite";
    public const string QueueSection = "queue";
    public const string LegacySection = "legacy";
    public const string GpioSection = "gpio";

    // [server]
    public static readonly ConfigKey Hostname = new(ServerSection, "hostname", ConfigValueType.HostName, "",
        "name in the banner, Received headers and HELO to the smarthost; empty = the system host name", PostfixName: "myhostname");
    public static readonly ConfigKey DataDir = new(ServerSection, "data_dir", ConfigValueType.Path, "/var/lib/relaybox",
        "state directory (queue/, tls/, users); must be absolute", PostfixName: "data_directory");
    public static readonly ConfigKey MyNetworks = new(ServerSection, "mynetworks", ConfigValueType.NetworkList, "127.0.0.0/8, ::1/128",
        "networks whose clients may relay without AUTH (permit_mynetworks)", PostfixName: "mynetworks");
    public static readonly ConfigKey MessageSizeLimit = new(ServerSection, "message_size_limit", ConfigValueType.Size, "10240000",
        "largest message accepted, in bytes (Postfix default 10240000)", 1024, 1L << 31, "message_size_limit");
    public static readonly ConfigKey MaxRecipients = new(ServerSection, "max_recipients", ConfigValueType.Count, "100",
        "recipients per message; RFC 5321 4.5.3.1.8 asks servers to accept at least 100", 1, 10_000, "smtpd_recipient_limit");
    public static readonly ConfigKey AuthenticatedHeader = new(ServerSection, "authenticated_header", ConfigValueType.Bool, "no",
        "add the AUTH login to the Received header", PostfixName: "smtpd_sasl_authenticated_header");
    public static readonly ConfigKey MaxConnections = new(ServerSection, "max_connections", ConfigValueType.Count, "100",
        "simultaneous SMTP sessions over all listeners (Postfix default_process_limit 100)", 1, 10_000, "default_process_limit");
    public static readonly ConfigKey MaxConnectionsPerIp = new(ServerSection, "max_connections_per_ip", ConfigValueType.Count, "20",
        "simultaneous sessions from one client address; 0 = no per-address limit", 0, 10_000, "smtpd_client_connection_count_limit");

    // Postfix allows 20 (smtpd_hard_error_limit) on a general-purpose MX; relaybox's clients are a few devices that
    // do not fail in loops, so half that still never bites a working client and halves what a prober gets per session.
    public static readonly ConfigKey MaxErrors = new(ServerSection, "max_errors", ConfigValueType.Count, "10",
        "client errors (bad commands, failed AUTH) before the session is closed (421)", 1, 1000, "smtpd_hard_error_limit");

    // RFC 5321 4.5.3.1.4/4.5.3.1.6: 512 octets per command line, 1000 per text line; Postfix's line_length_limit (2048)
    // is what real devices get away with, so relaybox accepts as much before answering 500 5.5.2.
    public static readonly ConfigKey LineLengthLimit = new(ServerSection, "line_length_limit", ConfigValueType.Count, "2048",
        "longest command or message line in octets, CRLF included (Postfix line_length_limit)", 512, 65_536, "line_length_limit");

    // RFC 5321 4.5.3.2.7: a server SHOULD wait at least 5 minutes for the next command.
    public static readonly ConfigKey CommandTimeout = new(ServerSection, "command_timeout", ConfigValueType.Duration, "300s",
        "idle time allowed between commands (RFC 5321 4.5.3.2.7: at least 5 minutes)", 10, 3600, "smtpd_timeout");

    // RFC 5321 4.5.3.2.5 gives a client 3 minutes to send each block of DATA and 4.5.3.2.7 gives the server's wait
    // for "the next chunk of data" the same 5 minutes as for a command; 10 minutes (4.5.3.2.6) is the client's wait
    // for our reply to the final dot, which is our fsync, not this timer.
    public static readonly ConfigKey DataTimeout = new(ServerSection, "data_timeout", ConfigValueType.Duration, "300s",
        "idle time allowed between chunks of DATA (RFC 5321 4.5.3.2.7: 5 minutes)", 10, 3600);
    public static readonly ConfigKey LogLevel = new(ServerSection, "log_level", ConfigValueType.LogLevel, "info",
        "least severe log events written: debug|info|warning|error");

    // [listen]
    public static readonly ConfigKey ListenSmtp = new(ListenSection, "smtp", ConfigValueType.Endpoint, "*:25",
        "plain SMTP with STARTTLS; relays only for mynetworks or after AUTH; empty = off", PostfixName: "inet_interfaces");
    public static readonly ConfigKey ListenSubmission = new(ListenSection, "submission", ConfigValueType.Endpoint, "*:587",
        "submission with STARTTLS, AUTH required (RFC 6409); empty = off");
    public static readonly ConfigKey ListenSmtps = new(ListenSection, "smtps", ConfigValueType.Endpoint, "*:465",
        "submission over implicit TLS, AUTH required (RFC 8314); empty = off");

    // [tls]
    public static readonly ConfigKey TlsCert = new(TlsSection, "cert", ConfigValueType.Path, "tls/cert.pem",
        "server certificate chain (PEM), relative to data_dir; a self-signed pair is made when cert and key are both absent",
        PostfixName: "smtpd_tls_cert_file");
    public static readonly ConfigKey TlsKey = new(TlsSection, "key", ConfigValueType.Path, "tls/key.pem",
        "private key (PEM) of cert, relative to data_dir", PostfixName: "smtpd_tls_key_file");
    public static readonly ConfigKey TlsAuthOnly = new(TlsSection, "auth_only", ConfigValueType.Bool, "yes",
        "offer AUTH only after STARTTLS", PostfixName: "smtpd_tls_auth_only");

    // [auth]
    public static readonly ConfigKey UsersFile = new(AuthSection, "users_file", ConfigValueType.Path, "users",
        "local user file (mode 0600), relative to data_dir");
    public static readonly ConfigKey Mechanisms = new(AuthSection, "mechanisms", ConfigValueType.MechanismList, "SCRAM-SHA-256-PLUS SCRAM-SHA-256 PLAIN LOGIN",
        "SASL mechanisms offered, in order: SCRAM-SHA-256-PLUS SCRAM-SHA-256 SCRAM-SHA-1 PLAIN LOGIN CRAM-MD5 DIGEST-MD5 (-PLUS is listed on TLS 1.2 connections, which have tls-unique)");
    public static readonly ConfigKey SecurityOptions = new(AuthSection, "security_options", ConfigValueType.SecurityOptionList, "noanonymous",
        "noanonymous, noplaintext (refuse PLAIN and LOGIN)", PostfixName: "smtpd_sasl_security_options");
    public static readonly ConfigKey BrokenClients = new(AuthSection, "broken_clients", ConfigValueType.Bool, "no",
        "also advertise the pre-RFC \"AUTH=...\" EHLO line for old Outlook-era clients", PostfixName: "broken_sasl_auth_clients");

    // [relay]
    public static readonly ConfigKey Restrictions = new(RelaySection, "restrictions", ConfigValueType.RestrictionList,
        "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination",
        "checked in order at RCPT TO, first permit or reject wins", PostfixName: "smtpd_relay_restrictions");
    public static readonly ConfigKey RelayHost = new(RelaySection, "relayhost", ConfigValueType.RelayHost, "",
        "smarthost: [host]:port (brackets = no MX lookup), host:port or host; empty = each domain's MX", PostfixName: "relayhost");

    // Postfix's smtp_fallback_relay: home connections often have outbound port 25 blocked, so MX delivery works only
    // through the provider's submission server. It is a smarthost like relayhost and shares its TLS and login keys.
    public static readonly ConfigKey FallbackRelay = new(RelaySection, "fallback_relay", ConfigValueType.RelayHost, "",
        "smarthost for MX delivery when the MX hosts cannot be reached (outbound port 25 blocked); same syntax, tls_* keys and " +
        "sasl_password_file as relayhost; empty = none", PostfixName: "smtp_fallback_relay");
    public static readonly ConfigKey TlsSecurityLevel = new(RelaySection, "tls_security_level", ConfigValueType.TlsSecurityLevel, "",
        "TLS towards the next hop: none|may|encrypt|verify|secure; empty = secure with a relayhost (and towards fallback_relay), may for MX delivery",
        PostfixName: "smtp_tls_security_level");
    public static readonly ConfigKey TlsWrapperMode = new(RelaySection, "tls_wrappermode", ConfigValueType.Bool, "no",
        "implicit TLS to the relayhost or fallback_relay (port 465) instead of STARTTLS", PostfixName: "smtp_tls_wrappermode");
    public static readonly ConfigKey TlsCaFile = new(RelaySection, "tls_ca_file", ConfigValueType.Path, "",
        "CA bundle (PEM) trusted for the next hop, relative to the config file's directory; empty = system CAs",
        PostfixName: "smtp_tls_CAfile");
    public static readonly ConfigKey SaslPasswordFile = new(RelaySection, "sasl_password_file", ConfigValueType.Path, "",
        "file with one line \"login password\" for the relayhost or fallback_relay (mode 0600), relative to the config file's directory; empty = no AUTH upstream",
        PostfixName: "smtp_sasl_password_maps");
    public static readonly ConfigKey TlsFingerprint = new(RelaySection, "tls_fingerprint", ConfigValueType.FingerprintList, "",
        "SHA-256 fingerprints (hex) of the relayhost or fallback_relay certificates to accept instead of CA verification; empty = no pinning",
        PostfixName: "smtp_tls_fingerprint_cert_match");
    public static readonly ConfigKey SenderQuota = new(RelaySection, "sender_quota", ConfigValueType.Count, "200",
        "messages per hour per AUTH login; 0 = unlimited", 0, 1_000_000);

    // glibc reads at most three nameserver lines (resolv.conf(5) MAXNS); relaybox asks them directly, so a home user
    // whose router's resolver is broken (or who runs one locally on another port) can name others.
    public static readonly ConfigKey DnsServers = new(RelaySection, "dns_servers", ConfigValueType.DnsServerList, "",
        "name servers for MX and address lookups, e.g. 192.168.1.1, 127.0.0.1:5353, [::1]:53 (at most 3); empty = those of /etc/resolv.conf");

    // [rewrite]
    public static readonly ConfigKey Admin = new(RewriteSection, "admin", ConfigValueType.MailAddress, "",
        "where mail to root, postmaster, unqualified names and device bounces goes; empty = such mail is refused");
    public static readonly ConfigKey LocalDomains = new(RewriteSection, "local_domains", ConfigValueType.DomainList, "",
        "this LAN's own domain names (e.g. lan, fritz.box, home.arpa): root and postmaster there go to admin, and bounces " +
        "for device senders under them go to admin; the host name always counts; empty = no others");
    public static readonly ConfigKey SenderMap = new(RewriteSection, "sender_map", ConfigValueType.SenderMap, "",
        "envelope sender and From rewritten at delivery, as from=to pairs tried exact address, then @domain, then *; " +
        "the smarthost usually accepts only your own address as sender; empty = no sender rewriting",
        PostfixName: "smtp_generic_maps");

    // [queue]
    public static readonly ConfigKey Deliver = new(QueueSection, "deliver", ConfigValueType.Bool, "yes",
        "no = keep accepted mail in the queue, nothing is sent (e.g. until the smarthost is set up)");
    public static readonly ConfigKey QueueLifetime = new(QueueSection, "max_lifetime", ConfigValueType.Duration, "5d",
        "how long delivery is retried before the message bounces", 600, 100 * 86_400, "maximal_queue_lifetime");
    public static readonly ConfigKey MinBackoff = new(QueueSection, "min_backoff", ConfigValueType.Duration, "300s",
        "first retry delay after a temporary failure", 10, 86_400, "minimal_backoff_time");
    public static readonly ConfigKey MaxBackoff = new(QueueSection, "max_backoff", ConfigValueType.Duration, "4000s",
        "longest delay between retries (Postfix default 4000s)", 10, 86_400, "maximal_backoff_time");

    // Postfix ships delay_warning_time off; a device's owner otherwise learns of a stuck message only when it bounces
    // days later, so relaybox warns after 4 hours (a "delayed" DSN, RFC 3464 2.3.3).
    public static readonly ConfigKey DelayWarning = new(QueueSection, "delay_warning", ConfigValueType.Duration, "4h",
        "tell the sender once that a message is still undelivered after this long (a delay notice); 0 = off; below max_lifetime",
        0, 100 * 86_400, "delay_warning_time");
    public static readonly ConfigKey StuckAlert = new(QueueSection, "stuck_alert", ConfigValueType.Duration, "1h",
        "the admin is told once when the oldest message has waited this long (log, error LED, one mail); 0 = off", 0, 100 * 86_400);

    // Postfix allows 100 smtp processes and 20 per destination; a Pi relaying for a LAN needs far fewer, and a
    // smarthost sees every connection from one client account (providers commonly allow 5 to 10 at once).
    public static readonly ConfigKey MaxDeliveries = new(QueueSection, "max_deliveries", ConfigValueType.Count, "10",
        "delivery attempts in progress at once, over all destinations (Postfix: the smtp process limit)", 1, 100);
    public static readonly ConfigKey DestinationConcurrency = new(QueueSection, "destination_concurrency", ConfigValueType.Count, "5",
        "delivery attempts in progress at once to one destination (the relayhost, or one recipient domain)", 1, 50,
        "default_destination_concurrency_limit");

    // [legacy]
    public static readonly ConfigKey LegacyClients = new(LegacySection, "clients", ConfigValueType.NetworkList, "",
        "addresses or networks of old devices given the legacy TLS profile; empty = off");
    public static readonly ConfigKey LegacyTlsMinVersion = new(LegacySection, "tls_min_version", ConfigValueType.TlsVersion, "1.0",
        "oldest TLS version accepted from legacy clients only: 1.0|1.1|1.2");
    public static readonly ConfigKey LegacyPlaintextAuth = new(LegacySection, "allow_plaintext_auth", ConfigValueType.Bool, "no",
        "let legacy clients use AUTH PLAIN/LOGIN without TLS (their password crosses the LAN in clear)");

    // [gpio]
    public static readonly ConfigKey GpioChip = new(GpioSection, "chip", ConfigValueType.Text, "",
        "chip label or /dev/gpiochipN; empty = find each line by name");
    public static readonly ConfigKey LedStatus = new(GpioSection, "led_status", ConfigValueType.GpioLine, "GPIO17",
        "status LED line; empty = none");
    public static readonly ConfigKey LedActivity = new(GpioSection, "led_activity", ConfigValueType.GpioLine, "GPIO27",
        "activity LED line; empty = none");
    public static readonly ConfigKey LedError = new(GpioSection, "led_error", ConfigValueType.GpioLine, "GPIO22",
        "error LED line; empty = none");
    public static readonly ConfigKey Button = new(GpioSection, "button", ConfigValueType.GpioLine, "GPIO23",
        "factory-reset button line; empty = none");
    public static readonly ConfigKey LedsActiveLow = new(GpioSection, "leds_active_low", ConfigValueType.Bool, "no",
        "LEDs light when the line is low");
    public static readonly ConfigKey ButtonActiveLow = new(GpioSection, "button_active_low", ConfigValueType.Bool, "yes",
        "button pulls the line to ground (internal pull-up enabled)");

    /// <summary>Every key, in the order <c>config show</c> and the reference documentation list them.</summary>
    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        Hostname, DataDir, MyNetworks, MessageSizeLimit, MaxRecipients, AuthenticatedHeader, MaxConnections,
        MaxConnectionsPerIp, MaxErrors, LineLengthLimit, CommandTimeout, DataTimeout, LogLevel,
        ListenSmtp, ListenSubmission, ListenSmtps,
        TlsCert, TlsKey, TlsAuthOnly,
        UsersFile, Mechanisms, SecurityOptions, BrokenClients,
        Restrictions, RelayHost, FallbackRelay, TlsSecurityLevel, TlsWrapperMode, TlsCaFile, SaslPasswordFile, TlsFingerprint,
        SenderQuota, DnsServers,
        Admin, LocalDomains, SenderMap,
        Deliver, QueueLifetime, MinBackoff, MaxBackoff, DelayWarning, StuckAlert, MaxDeliveries, DestinationConcurrency,
        LegacyClients, LegacyTlsMinVersion, LegacyPlaintextAuth,
        GpioChip, LedStatus, LedActivity, LedError, Button, LedsActiveLow, ButtonActiveLow,
    ];

    /// <summary>The path keys that resolve against data_dir when relative (the others resolve against the config file's directory).</summary>
    public static IReadOnlyList<ConfigKey> DataDirRelativeKeys { get; } = [TlsCert, TlsKey, UsersFile];

    public static IReadOnlyList<string> Sections { get; } =
        [ServerSection, ListenSection, TlsSection, AuthSection, RelaySection, RewriteSection, QueueSection, LegacySection, GpioSection];

    public static bool IsSection(string name) => Sections.Contains(name, StringComparer.OrdinalIgnoreCase);

    public static ConfigKey? Find(string section, string key) =>
        Keys.FirstOrDefault(k => string.Equals(k.Section, section, StringComparison.OrdinalIgnoreCase)
            && string.Equals(k.Name, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Looks up "section.key".</summary>
    public static ConfigKey? Find(string fullName)
    {
        int dot = fullName.IndexOf('.');
        return dot <= 0 ? null : Find(fullName[..dot], fullName[(dot + 1)..]);
    }
}
