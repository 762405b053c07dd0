using System.Text;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class UserDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relaybox-users-").FullName;

    private readonly DirectoryFlushRecordingFileSystem _fileSystem = new();

    private string UsersFile => Path.Combine(_directory, "users");

    private void Save(UserDatabase database) => database.Save(UsersFile, new SafeFile(_fileSystem));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static UserDatabase Sample() => UserDatabase.Empty
        .WithUser(UserRecord.Create("printer", "toner", new CredentialOptions { Iterations = 2, StoreScramSha1 = true, StorePlaintextEquivalent = true }))
        .WithUser(UserRecord.FromCryptHash("nas", "$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1"))
        .WithUser(new UserRecord
        {
            Login = "cron@host.home.arpa",
            ScramSha256 = ScramVerifier.Derive(ScramAlgorithm.Sha256, "pw"u8, "salt"u8, 3),
            AllowedSenders = ["cron@host.home.arpa", "@alerts.home.arpa"],
            MessagesPerHour = 50,
        });

    [Fact]
    public void SavedUsersLoadBackWithEverySecretAndSetting()
    {
        UserDatabase original = Sample();

        Save(original);
        UserDatabase loaded = UserDatabase.Load(UsersFile);

        Assert.Equal(original.Format(), loaded.Format());
        Assert.Equal(["cron@host.home.arpa", "nas", "printer"], loaded.Users.Select(u => u.Login));
        UserRecord cron = loaded.Find("cron@host.home.arpa")!;
        Assert.Equal(["cron@host.home.arpa", "@alerts.home.arpa"], cron.AllowedSenders);
        Assert.Equal(50, cron.MessagesPerHour);
        Assert.Equal(3, cron.ScramSha256!.Iterations);
        UserRecord printer = loaded.Find("printer")!;
        Assert.Equal(original.Find("printer")!.ScramSha1!.StoredKey.ToArray(), printer.ScramSha1!.StoredKey.ToArray());
        Assert.Equal("toner"u8.ToArray(), printer.PlaintextEquivalent!.Value.ToArray());
        Assert.Equal(SaslFailureReason.None, loaded.VerifyPassword("printer", "toner"u8));
        Assert.Equal(SaslFailureReason.None, loaded.VerifyPassword("nas", "secret"u8));
    }

    [Fact]
    public void TheFileIsReadableByItsOwnerOnly()
    {
        Save(Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(UsersFile));
        Assert.Equal([_directory], _fileSystem.FlushedDirectories);
    }

    [Fact]
    public void SavingReplacesTheFileAndLeavesNoTemporaryFiles()
    {
        Save(Sample());
        Save(UserDatabase.Empty.WithUser(SaslTestContext.ScramUser("only", "pw")));

        Assert.Equal(["only"], UserDatabase.Load(UsersFile).Users.Select(u => u.Login));
        Assert.Equal([UsersFile], Directory.GetFiles(_directory));
    }

    [Fact]
    public void AMissingFileIsAnEmptyDatabase()
    {
        Assert.Empty(UserDatabase.Load(Path.Combine(_directory, "absent")).Users);
        Assert.Empty(UserDatabase.Load(Path.Combine(_directory, "no-such-dir", "users")).Users);
    }

    [Fact]
    public void CommentsBlankLinesAndCrLfAreAllowed()
    {
        string line = UserDatabase.Empty.WithUser(SaslTestContext.ScramUser("alice", "pw")).Format().Split('\n').Single(l => l.StartsWith("alice", StringComparison.Ordinal));

        UserDatabase database = UserDatabase.Parse("# users\r\n\r\n   \r\n" + line + "\r\n# end\r\n");

        Assert.Equal(SaslFailureReason.None, database.VerifyPassword("alice", "pw"u8));
    }

    [Theory]
    [InlineData("bad login:crypt=$6$abc$x", "spaces")]
    [InlineData("alice:colour=blue", "unknown field")]
    [InlineData("alice:crypt=$6$abc$x:crypt=$6$abc$y", "twice")]
    [InlineData("alice:crypt=$1$abc$x", "crypt")]
    [InlineData("alice:scram-sha-256=4096,c2FsdA==,notbase64!,AAAA", "StoredKey")]
    [InlineData("alice:scram-sha-256=0,c2FsdA==,AAAA,AAAA", "iteration")]
    [InlineData("alice:scram-sha-1=4096,c2FsdA==", "iterations,salt")]
    [InlineData("alice:plain-equivalent=%%%", "base64")]
    [InlineData("alice:senders=not an address:crypt=$6$abc$x", "senders")]
    [InlineData("alice:messages-per-hour=-1:crypt=$6$abc$x", "whole number")]
    [InlineData("alice:senders=@example.net", "no secret")]
    [InlineData("alice:crypt", "name=value")]
    public void ErrorsNameTheLineAndTheProblem(string badLine, string expectedInMessage)
    {
        string text = "# users\n\nbob:crypt=$6$abc$x\n" + badLine + "\n";

        var error = Assert.Throws<UserFileException>(() => UserDatabase.Parse(text, "/etc/relaybox/users"));

        Assert.Equal(4, error.Line);
        Assert.Contains(expectedInMessage, error.Message);
        Assert.StartsWith("/etc/relaybox/users:4: ", error.Message);
    }

    [Fact]
    public void ADuplicateLoginIsAnErrorOnItsSecondLine()
    {
        var error = Assert.Throws<UserFileException>(() => UserDatabase.Parse("bob:crypt=$6$abc$x\n#\nbob:crypt=$6$abc$y\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains("twice", error.Problem);
    }

    [Fact]
    public void ErrorMessagesNeverQuoteASecret()
    {
        var nameless = Assert.Throws<UserFileException>(() => UserDatabase.Parse("alice:plain-equivalent=c2VjcmV0:hunter2"));
        var unknown = Assert.Throws<UserFileException>(() => UserDatabase.Parse("alice:plain-equivalent=c2VjcmV0:pw=hunter2"));
        var damaged = Assert.Throws<UserFileException>(() => UserDatabase.Parse("alice:plain-equivalent=c2VjcmV0!"));

        Assert.Contains("field 3 of user alice", nameless.Message);
        Assert.All(new[] { nameless, unknown, damaged }, e => Assert.DoesNotContain("hunter2", e.Message));
        Assert.All(new[] { nameless, unknown, damaged }, e => Assert.DoesNotContain("c2VjcmV0", e.Message));
    }

    [Fact]
    public void LoadReportsTheFilePathWithTheLine()
    {
        File.WriteAllText(UsersFile, "alice:nonsense\n");

        var error = Assert.Throws<UserFileException>(() => UserDatabase.Load(UsersFile));

        Assert.Equal(UsersFile, error.Path);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void ChangesGiveNewDatabasesAndLeaveTheOriginalAlone()
    {
        UserDatabase original = Sample();

        UserDatabase without = original.WithoutUser("nas");
        UserDatabase with = original.WithUser(SaslTestContext.ScramUser("aaa", "pw"));

        Assert.NotNull(original.Find("nas"));
        Assert.Null(without.Find("nas"));
        Assert.Equal(["aaa", "cron@host.home.arpa", "nas", "printer"], with.Users.Select(u => u.Login));
        Assert.Equal(3, original.Users.Count);
    }

    [Fact]
    public void WithUserReplacesAUserOfTheSameLogin()
    {
        UserDatabase database = Sample().WithUser(SaslTestContext.ScramUser("printer", "new-toner"));

        Assert.Equal(SaslFailureReason.None, database.VerifyPassword("printer", "new-toner"u8));
        Assert.Equal(SaslFailureReason.InvalidCredentials, database.VerifyPassword("printer", "toner"u8));
    }

    [Fact]
    public void LookupsAreByExactLogin()
    {
        Assert.Null(Sample().Find("PRINTER"));
    }

    [Fact]
    public void TheFileIsHumanReadableText()
    {
        Save(Sample());
        string[] lines = File.ReadAllLines(UsersFile, Encoding.UTF8);

        Assert.StartsWith("#", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("nas:crypt=$6$abc$", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("cron@host.home.arpa:scram-sha-256=3,c2FsdA==,", StringComparison.Ordinal)
            && l.EndsWith(":senders=cron@host.home.arpa,@alerts.home.arpa:messages-per-hour=50", StringComparison.Ordinal));
    }
}
