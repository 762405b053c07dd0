using System.Net;
using System.Text;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>Messages, resolvers and option sets the routing tests share.</summary>
internal static class RoutingFixtures
{
    public const string Content = "From: cron@nas.lan\r\nTo: owner@example.test\r\nSubject: backup\r\n\r\nbackup done\r\n";

    /// <summary>
    /// For tests that wait on blackholes: short enough that several dead hosts stay within seconds, long enough that
    /// a live loopback connect never loses the race, even on a busy test machine.
    /// </summary>
    public static readonly TimeSpan ShortConnectTimeout = TimeSpan.FromSeconds(1);

    /// <summary>For every other test: a connect to a live loopback port must never time out.</summary>
    public static readonly TimeSpan SafeConnectTimeout = TimeSpan.FromSeconds(10);

    public static OutboundMessage Message(params string[] recipients)
    {
        var envelope = new Envelope("cron@nas.lan", recipients.Select(r => new EnvelopeRecipient(r, DsnNotify.Default, null)).ToList(),
            BodyType.SevenBit, SmtpUtf8: false, DsnReturn.Unspecified, null, null, "192.168.1.30", "nas", DateTimeOffset.UnixEpoch);
        byte[] bytes = Encoding.ASCII.GetBytes(Content);
        return new OutboundMessage(envelope, new MemoryStream(bytes), bytes.Length);
    }

    public static MxResolver Resolver(IPEndPoint dnsServer) =>
        new(new DnsClient(new DnsClientOptions([dnsServer]) { Timeout = TimeSpan.FromSeconds(2), Attempts = 1 }));

    /// <summary>MX delivery on <paramref name="mxPort"/>, quick timeouts, TLS as MX delivery has it ("may").</summary>
    public static RoutingOptions MxOptions(int mxPort) => new()
    {
        HeloName = "relay.home.arpa",
        MxPort = mxPort,
        ConnectTimeout = SafeConnectTimeout,
        Timeouts = QuickTimeouts,
    };

    public static ClientTimeouts QuickTimeouts { get; } = new()
    {
        Greeting = TimeSpan.FromSeconds(5),
        Command = TimeSpan.FromSeconds(5),
        TlsHandshake = TimeSpan.FromSeconds(5),
        Mail = TimeSpan.FromSeconds(5),
        Rcpt = TimeSpan.FromSeconds(5),
        DataInitiation = TimeSpan.FromSeconds(5),
        DataBlock = TimeSpan.FromSeconds(5),
        DataTermination = TimeSpan.FromSeconds(5),
    };

    /// <summary>Every recipient delivered; on failure the message says why (the session detail).</summary>
    public static void AssertDelivered(RouteAttempt attempt) =>
        Assert.All(attempt.Result.Recipients, r => Assert.True(r.Outcome == RecipientOutcome.Delivered, $"{r.Outcome}: {r.Detail}"));

    public static DeliveryRouter Router(RoutingOptions options, IPEndPoint dnsServer) =>
        new(options, Resolver(dnsServer), TimeProvider.System);
}
