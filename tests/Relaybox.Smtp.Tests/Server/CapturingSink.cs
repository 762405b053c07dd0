using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>Keeps every rendered log line, properties included, so tests can look for leaked secrets.</summary>
internal sealed class CapturingSink : ILogEventSink
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Emit(LogEvent logEvent)
    {
        var writer = new StringWriter();
        logEvent.RenderMessage(writer);
        foreach (var property in logEvent.Properties)
        {
            writer.Write(" " + property.Key + "=" + property.Value);
        }

        Lines.Enqueue(writer.ToString());
    }
}
