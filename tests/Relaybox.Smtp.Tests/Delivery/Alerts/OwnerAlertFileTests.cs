using System.Text;
using Relaybox.Smtp.Delivery.Alerts;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>The alert state file the daemon writes and the console reads.</summary>
public sealed class OwnerAlertFileTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.FromHours(1));

    private readonly string directory = Directory.CreateTempSubdirectory("relaybox-alerts-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string PathOf(string name) => Path.Combine(directory, name);

    private static OwnerAlertState SampleState() => new(
        [
            new Alert(AlertKind.QueueStuck, Noon, "3 messages waiting; 100% odd: spaces, tabs\tand jörg@example.net"),
            new Alert(AlertKind.SmarthostLoginRefused, Noon.AddMinutes(5), "535 5.7.8 no"),
        ],
        new Dictionary<AlertKind, DateTimeOffset>
        {
            [AlertKind.SmarthostLoginRefused] = Noon.AddMinutes(5),
            [AlertKind.OutboundPortBlocked] = Noon.AddDays(-3),
        });

    [Fact]
    public void WhatIsWrittenReadsBackTheSame()
    {
        var state = SampleState();
        string path = PathOf("alerts");
        File.WriteAllBytes(path, OwnerAlertFile.Write(state));

        var read = OwnerAlertFile.Read(path);

        Assert.Null(read.Problem);
        Assert.Equal(state.Active, read.Active);
        Assert.Equal(state.LastMailed.OrderBy(p => p.Key), read.LastMailed.OrderBy(p => p.Key));
        Assert.Equal(Noon.Offset, read.Active[0].Since.Offset);
    }

    [Fact]
    public void TheFileIsAsciiLinesWithAVersionAndAnEnd()
    {
        string text = Encoding.ASCII.GetString(OwnerAlertFile.Write(SampleState()));
        string[] lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("relaybox-alerts 1", lines[0]);
        Assert.Equal("end", lines[^1]);
        Assert.StartsWith("alert queue-stuck 2026-11-22T12:00:00.0000000+01:00 3%20messages", lines[1], StringComparison.Ordinal);
        Assert.Contains("mailed smarthost-login-refused 2026-11-22T12:05:00.0000000+01:00", lines);
        Assert.True(Ascii.IsValid(text));
    }

    [Fact]
    public void NoFileMeansNoAlertsAndNoProblem()
    {
        var read = OwnerAlertFile.Read(PathOf("absent"));
        Assert.Empty(read.Active);
        Assert.Empty(read.LastMailed);
        Assert.Null(read.Problem);
        Assert.Null(OwnerAlertFile.Read(Path.Combine(directory, "no-such-dir", "alerts")).Problem);
    }

    [Theory]
    [InlineData("relaybox-alerts 1\nalert queue-stuck 2026-11-22T12:00:00.0000000+00:00 x\n", "no end line")]
    [InlineData("relaybox-alerts 1\nalert queue-stuck 2026-11-22T12:00:00.0000000+00:00 x\nend", "line end")]
    [InlineData("relaybox-alerts 2\nend\n", "unsupported alert state version")]
    [InlineData("PK\u0003\u0004 zip\nend\n", "not a relaybox alert state file")]
    [InlineData("relaybox-alerts 1\nalert disk-full 2026-11-22T12:00:00.0000000+00:00 x\nend\n", "line 2: unknown alert kind \"disk-full\"")]
    [InlineData("relaybox-alerts 1\nalert queue-stuck yesterday x\nend\n", "line 2: bad time")]
    [InlineData("relaybox-alerts 1\nalert queue-stuck 2026-11-22T12:00:00.0000000+00:00\nend\n", "line 2: expected")]
    [InlineData("relaybox-alerts 1\nalert queue-stuck 2026-11-22T12:00:00.0000000+00:00 %zz\nend\n", "line 2: badly escaped")]
    [InlineData("relaybox-alerts 1\nmailed queue-stuck 2026-11-22T12:00:00.0000000+00:00\nmailed queue-stuck 2026-11-22T13:00:00.0000000+00:00\nend\n", "line 3: mailed queue-stuck appears twice")]
    [InlineData("relaybox-alerts 1\nend\nalert queue-stuck 2026-11-22T12:00:00.0000000+00:00 x\n", "text after the end line")]
    [InlineData("relaybox-alerts 1\ncolour blue\nend\n", "line 2: unknown record")]
    [InlineData("", "line end")]
    public void ADamagedFileIsReportedWithWhereAndReadsAsNoAlerts(string content, string problem)
    {
        string path = PathOf("alerts");
        File.WriteAllText(path, content);

        var read = OwnerAlertFile.Read(path);

        Assert.Empty(read.Active);
        Assert.Empty(read.LastMailed);
        Assert.NotNull(read.Problem);
        Assert.Contains(problem, read.Problem, StringComparison.Ordinal);
        Assert.StartsWith(path, read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAsciiBytesAndOversizedFilesAreDamage()
    {
        string path = PathOf("alerts");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("relaybox-alerts 1\n"), 0xC3, 0xB6, (byte)'\n']);
        Assert.Contains("not ASCII", OwnerAlertFile.Read(path).Problem, StringComparison.Ordinal);

        File.WriteAllText(path, "relaybox-alerts 1\n" + new string('#', OwnerAlertFile.MaxFileLength));
        Assert.Contains("larger than", OwnerAlertFile.Read(path).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SavedFilesAreOwnerOnly()
    {
        string path = PathOf("alerts");
        OwnerAlertFile.Save(path, SampleState(), Relaybox.Smtp.Storage.SafeFile.Default);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(SampleState().Active, OwnerAlertFile.Read(path).Active);
        Assert.Equal(["alerts"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }
}
