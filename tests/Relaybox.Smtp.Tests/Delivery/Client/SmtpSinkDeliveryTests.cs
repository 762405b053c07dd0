using System.Text;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>The client against Postfix's smtp-sink: a real server that pipelines and speaks DSN.</summary>
public sealed class SmtpSinkDeliveryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relaybox-sink-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DsnParametersAndContentReachARealPipeliningServer()
    {
        using SmtpSinkUpstream sink = await SmtpSinkUpstream.StartAsync(_directory);
        byte[] content = Encoding.UTF8.GetBytes("Subject: sink\r\n\r\n.dot line\r\nsecond\r\n");
        var envelope = new Envelope("dev@lan.example",
            [new EnvelopeRecipient("a@example.net", DsnNotify.Failure | DsnNotify.Delay, "rfc822;a@example.net"), new EnvelopeRecipient("b@example.net", DsnNotify.Never, null)],
            BodyType.EightBitMime, false, DsnReturn.Full, "ENV+2B1", null, "192.168.1.2", "dev", DateTimeOffset.UnixEpoch);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            new SmtpUpstream("127.0.0.1", sink.Port) { Tls = new TlsPolicy { Level = TlsSecurityLevel.None } },
            new OutboundMessage(envelope, new MemoryStream(content), content.Length));

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.All(result.Recipients, r => Assert.Equal(RecipientOutcome.Delivered, r.Outcome));
        string dump = await WaitForDumpAsync(sink.DumpFile);
        Assert.Contains("X-Mail-Args: <dev@lan.example> BODY=8BITMIME RET=FULL ENVID=ENV+2B1\n", dump);
        Assert.Contains("X-Rcpt-Args: <a@example.net> NOTIFY=FAILURE,DELAY ORCPT=rfc822;a@example.net\n", dump);
        Assert.Contains("X-Rcpt-Args: <b@example.net> NOTIFY=NEVER\n", dump);
        Assert.EndsWith("Subject: sink\n\n.dot line\nsecond\n", dump.TrimEnd('\n') + "\n");
    }

    private static async Task<string> WaitForDumpAsync(string path)
    {
        for (int i = 0; i < 100; i++)
        {
            if (File.Exists(path) && new FileInfo(path).Length > 0)
            {
                return await File.ReadAllTextAsync(path);
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("smtp-sink wrote no dump");
    }
}
