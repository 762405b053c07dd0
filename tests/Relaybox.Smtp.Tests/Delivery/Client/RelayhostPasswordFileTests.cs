using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Tests.Delivery.Client;

public sealed class RelayhostPasswordFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("relaybox-secret-").FullName;

    private string Write(string text, UnixFileMode mode)
    {
        string path = Path.Combine(directory, "relayhost.secret");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Theory]
    [InlineData("me@example.net s3cret\n", "me@example.net", "s3cret")]
    [InlineData("# provider login\r\n\r\nme@example.net   pass with spaces  \r\n", "me@example.net", "pass with spaces")]
    [InlineData("me\tx", "me", "x")]
    public void AnOwnerOnlyFileGivesTheLogin(string text, string login, string password)
    {
        var result = RelayhostPasswordFile.Load(Write(text, UnixFileMode.UserRead | UnixFileMode.UserWrite));

        Assert.Null(result.Error);
        Assert.Equal(new UpstreamCredentials(login, password), result.Credentials);
    }

    [Fact]
    public void AFileOthersCanReadIsRefusedWithoutReadingThePassword()
    {
        var result = RelayhostPasswordFile.Load(Write("me@example.net topsecret\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead));

        Assert.Null(result.Credentials);
        Assert.Contains("chmod 600", result.Error);
        Assert.DoesNotContain("topsecret", result.Error);
    }

    [Theory]
    [InlineData("", "no \"login password\" line")]
    [InlineData("# only a comment\n", "no \"login password\" line")]
    [InlineData("justalogin\n", ":1: expected \"login password\"")]
    [InlineData("a b\nc d\n", ":2: a second login line")]
    public void MalformedFilesAreReportedWithTheLine(string text, string expected)
    {
        var result = RelayhostPasswordFile.Load(Write(text, UnixFileMode.UserRead | UnixFileMode.UserWrite));

        Assert.Null(result.Credentials);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void AMissingFileSaysWhatToWrite()
    {
        var result = RelayhostPasswordFile.Load(Path.Combine(directory, "absent"));

        Assert.Contains("login password", result.Error);
    }

    [Fact]
    public void TheCredentialsNeverPrintThePassword()
    {
        var result = RelayhostPasswordFile.Parse("me@example.net hunter2\n", "test");

        Assert.DoesNotContain("hunter2", result.ToString());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
