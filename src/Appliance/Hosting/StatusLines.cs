using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Appliance.Setup;
using Relaybox.Smtp.Delivery.Manager;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The words of the "relaybox status" lines the console shows beside the queue and alerts: uptime, the LEDs,
/// the certificate being served, the last delivery problem. Pure functions of what the daemon knows, so each
/// wording is tested without a daemon.
/// </summary>
public static class StatusLines
{
    /// <summary>"45 s", "12 min", "3 h 12 min", "2 d 4 h": two units at most, as a person says it.</summary>
    public static string Uptime(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalMinutes < 1 ? $"{(int)span.TotalSeconds} s"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min"
            : span.TotalDays < 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    /// <summary>
    /// The box's state in words (what the status LED shows, and why setup is needed), then the status LED and the error
    /// LED as the box shows them, or that it has none: a box without LEDs still tells its owner it needs setting up.
    /// </summary>
    public static IReadOnlyList<string> Leds(BoxStatus status, SetupFacts? facts, bool hasLeds)
    {
        string state = "state: " + (status.Phase switch
        {
            BoxPhase.Starting => "starting",
            BoxPhase.Serving => "serving",
            BoxPhase.SetupNeeded => "setup needed (" + SetupReason(facts) + ")",
            _ => "factory reset in progress",
        });
        if (!hasLeds)
        {
            return [state, "status LED: no LEDs configured", "error LED: " + (status.HasFault ? "none to light (" + Fault(status.Fault) + ")" : "none configured")];
        }

        string phase = status.Phase switch
        {
            BoxPhase.Starting => "slow blink (starting)",
            BoxPhase.Serving => "steady (serving)",
            BoxPhase.SetupNeeded => "fast blink (setup needed: " + SetupReason(facts) + ")",
            _ => "fast blink on every LED (factory reset in progress)",
        };
        return [state, "status LED: " + phase, "error LED: " + (status.HasFault ? "on (" + Fault(status.Fault) + ")" : "off")];
    }

    /// <summary>Why setup is needed, in the order <see cref="SetupFacts.SetupNeeded"/> decides it.</summary>
    public static string SetupReason(SetupFacts? facts) => facts switch
    {
        null => "not known yet",
        { IsDemo: true } => "running on the demo configuration",
        { DeliveryEnabled: false } => "delivery is off ([queue] deliver = no)",
        { UserCount: 0, LanMayRelay: false } => "no users",
        _ => "no",
    };

    public static string Fault(BoxFault fault) => fault switch
    {
        BoxFault.SmarthostLoginRefused => "the relayhost refuses the login",
        BoxFault.SmarthostCertificateRejected => "the relayhost's certificate is not trusted",
        BoxFault.OutboundPortBlocked => "the outbound port seems blocked",
        BoxFault.SmarthostUnreachable => "the relayhost cannot be reached",
        BoxFault.QueueStuck => "mail is stuck in the queue",
        _ => "no fault",
    };

    /// <summary>"TLS certificate: SHA-256 AB:CD:..., valid until 2036-11-20 (CN=relay.example)".</summary>
    public static string Certificate(X509Certificate2? certificate) => certificate is null
        ? "TLS certificate: none loaded"
        : $"TLS certificate: SHA-256 {ServerCertificate.Fingerprint(certificate)}, valid until " +
          certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + $" ({certificate.Subject})";

    /// <summary>The prefix of the last-problem line; "relaybox send-test" looks for its queue id after it.</summary>
    public const string LastProblemPrefix = "last delivery problem: ";

    /// <summary>"last delivery problem: 2026-11-22 20:10:03 UTC ID deferred for RCPT via HOST: REPLY", or "none since start".</summary>
    public static string LastProblem(DeliveryProblem? problem) => problem is null
        ? LastProblemPrefix + "none since start"
        : LastProblemPrefix + problem.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC "
          + problem.QueueId + (problem.Final ? " failed" : " deferred") + $" for {problem.Recipient} via {problem.Destination}: {problem.Reply}";
}
