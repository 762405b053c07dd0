using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// One line per event on standard error. Under systemd (JOURNAL_STREAM set) journald adds the time and
/// the priority, so the line carries only the level and the message. With <c>recent</c>, the same events also
/// go to the in-memory ring "relaybox log" reads.
/// </summary>
public static class Logging
{
    public static Logger Create(LoggingLevelSwitch level, RecentLog? recent = null)
    {
        bool journald = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
        string template = journald
            ? "{Level:u3} {Message:lj}{NewLine}{Exception}"
            : "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}";
        var configuration = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .WriteTo.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (recent is not null)
        {
            configuration = configuration.WriteTo.Sink(recent);
        }

        return configuration.CreateLogger();
    }
}
