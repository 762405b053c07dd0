using System.Text;
using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Tests.Auth;
using Relaybox.Smtp.Tests.Queue;
using Serilog;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>
/// A real spool over a temporary queue, a state file beside it, a clock that moves when told, and a log that
/// keeps every event: what <see cref="OwnerAlerts"/> needs, and what a test reads back.
/// </summary>
internal sealed class AlertsHarness : IDisposable
{
    public const string Admin = "owner@example.net";
    public const string Host = "relay.home.arpa";

    public static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public AlertsHarness()
    {
        Spool = new Spool(Queue.Directory, Clock);
        StateFile = Path.Combine(Queue.Parent, "alerts");
        Options = new OwnerAlertOptions(Host, Admin, StateFile);
    }

    public TemporaryQueue Queue { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public RecordingLog Log { get; } = new();

    public IMessageSpool Spool { get; set; }

    public string StateFile { get; }

    public OwnerAlertOptions Options { get; set; }

    public OwnerAlerts Create() =>
        new(Options, Spool, new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Log).CreateLogger(), Clock);

    public IReadOnlyList<QueuedMessage> QueuedMail() => new SpoolReader(Queue.Directory).List(QueueFolder.Active).Messages;

    public static string ContentOf(QueuedMessage message)
    {
        using var stream = message.OpenContent();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Encoding.UTF8.GetString(memory.ToArray());
    }

    /// <summary>The header fields of a CRLF message, unfolded, by name (RFC 5322 section 2.2.3).</summary>
    public static Dictionary<string, string> HeadersOf(string message)
    {
        int end = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, "the message has a header section ended by an empty line");
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string unfolded = message[..end].Replace("\r\n ", " ", StringComparison.Ordinal);
        foreach (string line in unfolded.Split("\r\n"))
        {
            int colon = line.IndexOf(':');
            Assert.True(colon > 0, $"header line \"{line}\" has a field name");
            Assert.True(fields.TryAdd(line[..colon], line[(colon + 1)..].Trim()), $"field {line[..colon]} appears once");
        }

        return fields;
    }

    public static string BodyOf(string message) => message[(message.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    public void Dispose() => Queue.Dispose();
}
