using System.Net;
using System.Net.Sockets;
using System.Text;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Tests.Delivery.Routing;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>
/// <see cref="SmtpUpstream.Address"/>: the client connects to a resolved address (one MX address) while the host
/// name stays the name TLS checks; and <see cref="DeliveryResult.ConnectError"/> tells silence from refusal.
/// </summary>
public sealed class UpstreamAddressTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relaybox-address-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static OutboundMessage Message()
    {
        byte[] content = Encoding.ASCII.GetBytes("Subject: hi\r\n\r\nhello\r\n");
        var envelope = new Envelope("printer@lan.example", [new EnvelopeRecipient("owner@example.net", DsnNotify.Default, null)],
            BodyType.SevenBit, SmtpUtf8: false, DsnReturn.Unspecified, null, null, "192.168.1.20", "printer", DateTimeOffset.UnixEpoch);
        return new OutboundMessage(envelope, new MemoryStream(content), content.Length);
    }

    [Fact]
    public async Task TheClientConnectsToTheAddressNotToTheName()
    {
        // "localhost" is 127.0.0.1, where nothing listens on this port; the server is on 127.0.0.50.
        var address = IPAddress.Parse("127.0.0.50");
        int port = LoopbackPorts.FreeOn(address, IPAddress.Loopback);
        using var server = new LoopbackSmtpServer(address, port);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            new SmtpUpstream("localhost", port) { Address = address, Tls = new TlsPolicy { Level = TlsSecurityLevel.May } }, Message());

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.Single(server.Messages);
    }

    [Theory]
    [InlineData("localhost", DeliveryFailure.None, TlsFailureReason.None)]
    [InlineData("mx.example.test", DeliveryFailure.Tls, TlsFailureReason.NameMismatch)]
    public async Task TlsChecksTheHostNameEvenWhenConnectingByAddress(string host, DeliveryFailure failure, TlsFailureReason tlsFailure)
    {
        // The certificate names localhost and 127.0.0.1: checked against the address, both hosts would pass.
        TestCertificates certificates = TestCertificates.Create(_directory);
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory, "--cert", certificates.ChainFile, "--key", certificates.KeyFile);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            new SmtpUpstream(host, server.Port) { Address = IPAddress.Loopback, Tls = new TlsPolicy { Level = TlsSecurityLevel.Verify, CaFile = certificates.CaFile } },
            Message());

        Assert.Equal(failure, result.Failure);
        Assert.Equal(tlsFailure, result.TlsFailure);
    }

    [Fact]
    public async Task ARefusedConnectionSaysRefused()
    {
        int port = LoopbackPorts.FreeOn(IPAddress.Loopback);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            new SmtpUpstream("mx.example.test", port) { Address = IPAddress.Loopback, Tls = new TlsPolicy { Level = TlsSecurityLevel.None } }, Message());

        Assert.Equal(DeliveryFailure.ConnectFailed, result.Failure);
        Assert.Equal(SocketError.ConnectionRefused, result.ConnectError);
        Assert.Contains("mx.example.test (127.0.0.1)", result.Detail);
    }

    [Fact]
    public async Task AConnectionNobodyAnswersSaysTimedOut()
    {
        var address = IPAddress.Parse("127.0.0.51");
        int port = LoopbackPorts.FreeOn(address);
        using var blackhole = new BlackholeListener(address, port);
        var timeouts = new ClientTimeouts { Connect = TimeSpan.FromMilliseconds(500) };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            new SmtpUpstream("mx.example.test", port) { Address = address, Timeouts = timeouts, Tls = new TlsPolicy { Level = TlsSecurityLevel.None } }, Message());

        Assert.Equal(DeliveryFailure.ConnectFailed, result.Failure);
        Assert.Equal(SocketError.TimedOut, result.ConnectError);
    }

    [Fact]
    public async Task ASuccessfulDeliveryHasNoConnectError()
    {
        var address = IPAddress.Parse("127.0.0.52");
        using var server = new LoopbackSmtpServer(address, 0);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            new SmtpUpstream("mx.example.test", server.EndPoint.Port) { Address = address, Tls = new TlsPolicy { Level = TlsSecurityLevel.None } }, Message());

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.Equal(SocketError.Success, result.ConnectError);
    }
}
