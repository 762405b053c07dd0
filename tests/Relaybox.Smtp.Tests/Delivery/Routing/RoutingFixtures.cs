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

    /// <summary>Short enough that a test with several dead hosts stays within seconds.</summary>
    public static readonly TimeSpan ShortConnectTimeout = TimeSpan.FromMilliseconds(700);

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
        ConnectTimeout = ShortConnectTimeout,
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

    public static DeliveryRouter Router(RoutingOptions options, IPEndPoint dnsServer) =>
        new(options, Resolver(dnsServer), TimeProvider.System);
}
