namespace Relaybox.Appliance.Configuration;

/// <summary>
/// What "relaybox run" uses without a config file: loopback only, unprivileged high ports, state in a scratch
/// directory, delivery off, so a first try needs neither root nor a smarthost and sends nothing anywhere.
/// </summary>
public static class DemoConfig
{
    public const string DataDirVariable = "RELAYBOX_DEMO_DIR";

    public const string DefaultDataDir = "/tmp/relaybox-demo";

    /// <summary>The name diagnostics use for the demo configuration.</summary>
    public const string FileName = "(demo configuration)";

    /// <summary>$RELAYBOX_DEMO_DIR, or /tmp/relaybox-demo when unset or empty.</summary>
    public static string DataDir => DataDirFrom(Environment.GetEnvironmentVariable(DataDirVariable));

    /// <summary>The data directory for a given value of $RELAYBOX_DEMO_DIR (null when unset).</summary>
    public static string DataDirFrom(string? variable) => string.IsNullOrEmpty(variable) ? DefaultDataDir : variable;

    public static string Text() => Text(DataDir);

    public static string Text(string dataDir) =>
        $"""
        ; relaybox demo configuration: loopback only, high ports.
        ; nothing leaves this machine: delivery is off in the demo; accepted mail stays in the queue (relaybox queue list).
        [server]
        hostname = relaybox.demo
        data_dir = "{dataDir}"
        mynetworks = 127.0.0.0/8, ::1/128

        [listen]
        smtp = 127.0.0.1:2525
        submission = 127.0.0.1:2587
        smtps = 127.0.0.1:2465

        [rewrite]
        admin = postmaster@relaybox.demo

        [queue]
        deliver = no

        """;

    public static ConfigLoadResult Load() => ConfigLoader.Parse(Text(), FileName);
}
