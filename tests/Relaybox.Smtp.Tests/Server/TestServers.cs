using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Server;
using Serilog;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>Settings and servers wired with the test doubles.</summary>
internal static class TestServers
{
    public static ILogger Log { get; } = new LoggerConfiguration().CreateLogger();

    public static SmtpServerSettings Settings(PermitMyNetworksPolicy? policy = null, RecordingThrottle? throttle = null, bool withCertificate = false) => new()
    {
        HostName = "relay.test",
        RelayPolicy = policy ?? new PermitMyNetworksPolicy(),
        AuthMechanisms = ["PLAIN"],
        MechanismFactory = static (name, _) => name switch
        {
            "PLAIN" => new PlainTestMechanism(),
            "LOGIN" => new LoginTestMechanism(),
            _ => null,
        },
        AuthThrottle = throttle,
        AuthOnlyOverTls = true,
        CertificateSource = withCertificate ? static () => TestCertificates.ServerCertificate : static () => null,
        Limits = new SmtpLimits(),
    };

    public static SmtpServer Create(SmtpServerSettings settings, InMemorySpool spool, IEnumerable<SmtpListenerOptions>? listeners = null) =>
        new(listeners ?? [], settings, spool, Log);
}
