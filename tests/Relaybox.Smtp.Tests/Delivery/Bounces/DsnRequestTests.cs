using System.Text;
using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using static Relaybox.Smtp.Tests.Delivery.Bounces.BounceFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

public class DsnRequestTests
{
    [Fact]
    public void ARequestForAQueuedMessageReturnsItsContentWithoutWhatFollowsInTheQueueFile()
    {
        var owner = new EnvelopeRecipient("owner@example.org", DsnNotify.Default, null);
        byte[] content = Encoding.ASCII.GetBytes(Message());
        string path = Path.Combine(Path.GetTempPath(), "relaybox-dsn-" + Guid.NewGuid().ToString("N") + ".q");
        File.WriteAllBytes(path, [.. content, .. "ENVELOPE-AND-TRAILER-NOT-CONTENT\r\n"u8]);
        try
        {
            var queued = new QueuedMessage("a1", QueueFolder.Active, Envelope(recipients: [owner]), content.Length, Received, path);

            DsnMessage notice = Builder().Build(DsnRequest.For(queued, DsnReportKind.Failure, [Failed(owner)]), "scanner@example.com");

            string text = Encoding.ASCII.GetString(notice.Content);
            Assert.Contains(Message(), text, StringComparison.Ordinal);
            Assert.DoesNotContain("ENVELOPE-AND-TRAILER", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
