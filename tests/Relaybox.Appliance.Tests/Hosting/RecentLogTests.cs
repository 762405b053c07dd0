using Relaybox.Appliance.Hosting;
using Serilog;

namespace Relaybox.Appliance.Tests.Hosting;

/// <summary>The in-memory ring behind "relaybox log": bounded in lines and in line length, one line per event.</summary>
public sealed class RecentLogTests
{
    [Fact]
    public void OnlyTheLastLinesUpToTheCapacityAreKeptOldestFirst()
    {
        var recent = new RecentLog(capacity: 3);
        using var log = new LoggerConfiguration().WriteTo.Sink(recent).CreateLogger();

        for (int i = 1; i <= 5; i++)
        {
            log.Information("event {Number}", i);
        }

        var lines = recent.Last(10);
        Assert.Equal(3, lines.Count);
        Assert.EndsWith("INF event 3", lines[0]);
        Assert.EndsWith("INF event 5", lines[2]);
        Assert.Equal([lines[2]], recent.Last(1));
    }

    [Fact]
    public void ALongMessageIsCutToTheLineLimit()
    {
        var recent = new RecentLog(capacity: 2, maxLineLength: 60);
        using var log = new LoggerConfiguration().WriteTo.Sink(recent).CreateLogger();

        log.Warning("upstream said {Reply}", new string('x', 500));

        string line = Assert.Single(recent.Last(5));
        Assert.Equal(60, line.Length);
        Assert.EndsWith("...", line);
    }

    [Fact]
    public void AnExceptionAndLineBreaksStayOnTheEventsOneLine()
    {
        var recent = new RecentLog();
        using var log = new LoggerConfiguration().WriteTo.Sink(recent).CreateLogger();

        log.Error(new IOException("disk full"), "first\nsecond");

        string line = Assert.Single(recent.Last(5));
        Assert.DoesNotContain('\n', line);
        Assert.Contains("first second", line);
        Assert.Contains("disk full", line);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ERR ", line);
    }

    [Fact]
    public void AnEmptyRingReturnsNoLines()
    {
        Assert.Empty(new RecentLog().Last(50));
    }
}
