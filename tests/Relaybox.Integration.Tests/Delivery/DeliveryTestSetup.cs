using System.Text;
using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Delivery;

/// <summary>A relaybox instance that delivers to an upstream sink, as the delivery tests start it.</summary>
internal static class DeliveryTestSetup
{
    public const string Admin = "admin@example.org";

    /// <summary>Delivery on, through <paramref name="sink"/> in plain text (the TLS tests set their own level).</summary>
    public static RelayboxSettings Through(UpstreamSink sink) => new RelayboxSettings()
        .Set("queue.deliver", "yes")
        .Set("queue.min_backoff", "10s")
        .Set("relay.relayhost", sink.Relayhost)
        .Set("relay.tls_security_level", "none")
        .Set("rewrite.admin", Admin);

    /// <summary>A message as a device would write it, with Date and Message-ID so relaybox adds nothing but Received.</summary>
    public static byte[] Message(string subject, string to = Swaks.Recipient) => Encoding.ASCII.GetBytes(
        $"From: {Swaks.Sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n" +
        $"Message-ID: <{subject}@printer.lan>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
        $"Scan finished: {subject}.\r\n.leading dot survives\r\n\r\nlast line\r\n");

    /// <summary>The content without the Received field relaybox prepends (RFC 5321 section 4.4).</summary>
    public static byte[] WithoutReceived(byte[] content)
    {
        string text = Encoding.Latin1.GetString(content);
        Assert.StartsWith("Received: from ", text, StringComparison.Ordinal);
        int end = 0;
        do
        {
            end = text.IndexOf("\r\n", end, StringComparison.Ordinal) + 2;
        }
        while (text[end] is ' ' or '\t');
        return content[end..];
    }

    private const string SubmitScript = """
        import smtplib, sys
        port, sender, recipients = int(sys.argv[1]), sys.argv[2], sys.argv[3].split(",")
        with smtplib.SMTP("127.0.0.1", port, local_hostname="printer.lan", timeout=20) as s:
            s.ehlo()
            s.mail(sender)
            for r in recipients:
                code, text = s.rcpt(r)
                assert code == 250, (code, text)
            code, text = s.data(sys.stdin.buffer.read())
            print(code, text.decode())
        """;

    /// <summary>
    /// Submits <paramref name="content"/> exactly (Python's smtplib adds nothing to content ending in CRLF) over
    /// plain SMTP from loopback (mynetworks); returns the queue id relaybox gave it.
    /// </summary>
    public static async Task<string> SubmitAsync(RelayboxInstance relay, byte[] content, string sender = Swaks.Sender, string recipients = Swaks.Recipient)
    {
        string file = Path.Combine(relay.Root, "message-" + Guid.NewGuid().ToString("N") + ".eml");
        await File.WriteAllBytesAsync(file, content);
        var result = await ExternalTool.RunAsync("/bin/sh", ["-c", "exec /usr/bin/python3 -c \"$0\" \"$@\" < \"$4\"", SubmitScript,
            relay.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), sender, recipients, file]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Swaks.QueueId(result.StandardOutput) ?? throw new InvalidOperationException("no queue id in:\n" + result);
    }

    /// <summary>Waits (bounded) until no queue file is left in any folder.</summary>
    public static async Task WaitForEmptyQueueAsync(RelayboxInstance relay, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (QueueFileCount(relay) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the queue did not empty ({QueueFileCount(relay)} left):\n" + relay.Log);
            await Task.Delay(50);
        }
    }

    public static int QueueFileCount(RelayboxInstance relay) => Directory.Exists(relay.QueueDirectory)
        ? Directory.EnumerateFiles(relay.QueueDirectory, "*.q", SearchOption.AllDirectories).Count()
        : 0;
}
