using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>Keeps each log event's level and its rendered text with the property values.</summary>
internal sealed class RecordingLog : ILogEventSink
{
    public ConcurrentQueue<(LogEventLevel Level, string Text)> Events { get; } = new();

    public IEnumerable<string> At(LogEventLevel level) => Events.Where(e => e.Level == level).Select(e => e.Text);

    public IEnumerable<string> AtLeast(LogEventLevel level) => Events.Where(e => e.Level >= level).Select(e => e.Text);

    public void Emit(LogEvent logEvent)
    {
        var writer = new StringWriter();
        logEvent.RenderMessage(writer);
        Events.Enqueue((logEvent.Level, writer.ToString()));
    }
}
