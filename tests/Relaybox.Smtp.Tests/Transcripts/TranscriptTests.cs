using System.Runtime.CompilerServices;

namespace Relaybox.Smtp.Tests.Transcripts;

/// <summary>Runs every *.txt transcript in this folder against a server over an in-memory connection.</summary>
public class TranscriptTests
{
    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(SourceDirectory(), "*.txt").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public Task TranscriptPlaysAsWritten(string file) => TranscriptRunner.RunAsync(Path.Combine(SourceDirectory(), file));

    [Fact]
    public void TranscriptFolderIsNotEmpty() => Assert.True(Files().Count() >= 20);

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
