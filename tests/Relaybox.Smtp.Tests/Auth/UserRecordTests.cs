using System.Text;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class UserRecordTests
{
    // Made by the system: openssl passwd -6 -salt abc secret
    private const string Sha512CryptOfSecret = "$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1";

    // Made by the system's libcrypt (Python's crypt module) for "secret".
    private const string YescryptOfSecret = "$y$j9T$abcdefghijklmnop$3dL1LkYnZM.OVXuVdnnaKVDlLYT92dRwOzDZ5XiVCe.";
    private const string BcryptOfSecret = "$2b$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a";

    private static SaslFailureReason Verify(UserRecord user, string password) =>
        ((ICredentialStore)new SingleUser(user)).VerifyPassword(user.Login, Encoding.UTF8.GetBytes(password));

    [Fact]
    public void ByDefaultOnlyAScramSha256VerifierIsStored()
    {
        UserRecord user = UserRecord.Create("alice", "pw", new CredentialOptions { Iterations = 1 });

        Assert.NotNull(user.ScramSha256);
        Assert.Null(user.ScramSha1);
        Assert.Null(user.PlaintextEquivalent);
        Assert.Null(user.CryptHash);
    }

    [Fact]
    public void TheDefaultIterationCountIsRfc7677s4096()
    {
        UserRecord user = UserRecord.Create("alice", "pw", CredentialOptions.Default);

        Assert.Equal(4096, user.ScramSha256!.Iterations);
        Assert.Equal(16, user.ScramSha256.Salt.Length);
    }

    [Fact]
    public void ExtraSecretsAreStoredOnlyWhenAsked()
    {
        UserRecord user = UserRecord.Create("alice", "pw", new CredentialOptions { Iterations = 2, StoreScramSha1 = true, StorePlaintextEquivalent = true });

        Assert.Equal(2, user.ScramSha1!.Iterations);
        Assert.Equal("pw"u8.ToArray(), user.PlaintextEquivalent!.Value.ToArray());
    }

    [Fact]
    public void TwoUsersWithTheSamePasswordGetDifferentSalts()
    {
        var options = new CredentialOptions { Iterations = 1 };

        Assert.NotEqual(
            UserRecord.Create("a", "same", options).ScramSha256!.Salt.ToArray(),
            UserRecord.Create("b", "same", options).ScramSha256!.Salt.ToArray());
    }

    [Fact]
    public void PlainPasswordIsCheckedAgainstTheScramVerifier()
    {
        UserRecord user = UserRecord.Create("alice", "correct horse", new CredentialOptions { Iterations = 1 });

        Assert.Equal(SaslFailureReason.None, Verify(user, "correct horse"));
        Assert.Equal(SaslFailureReason.InvalidCredentials, Verify(user, "correct horsE"));
    }

    [Theory]
    [InlineData(Sha512CryptOfSecret)]
    [InlineData(YescryptOfSecret)]
    [InlineData(BcryptOfSecret)]
    public void AnImportedCryptHashIsVerifiedByTheSystemLibcrypt(string hash)
    {
        UserRecord user = UserRecord.FromCryptHash("nas", hash);

        Assert.Equal(SaslFailureReason.None, Verify(user, "secret"));
        Assert.Equal(SaslFailureReason.InvalidCredentials, Verify(user, "Secret"));
        Assert.Equal(SaslFailureReason.InvalidCredentials, Verify(user, "secret\0tail"));
    }

    [Fact]
    public void ACryptHashServesPlainButNotScram()
    {
        var users = UserDatabase.Empty.WithUser(UserRecord.FromCryptHash("nas", Sha512CryptOfSecret));
        using var scram = new ScramSha256Mechanism(SaslTestContext.With(users));
        scram.Start(true, "n,,n=nas,r=abc"u8);

        SaslStep verdict = scram.Continue("c=biws,r=abcservernonce,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="u8);

        Assert.Equal(SaslFailureReason.CredentialsUnusable, verdict.Reason);
    }

    [Theory]
    [InlineData("$1$abc$md5cryptisweak")]
    [InlineData("plaintext")]
    [InlineData("$6$abc$has:colon")]
    [InlineData("$6$abc$has space")]
    [InlineData("")]
    public void UnsupportedOrDamagedCryptHashesAreRefusedOnImport(string hash)
    {
        Assert.Throws<ArgumentException>(() => UserRecord.FromCryptHash("nas", hash));
    }

    [Fact]
    public void AnInvalidLoginIsRefusedWithTheValidatorsMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => UserRecord.Create("a:b", "pw", CredentialOptions.Default));

        Assert.Contains("':'", error.Message);
    }

    [Fact]
    public void APasswordChangeKeepsTheSendersAndQuota()
    {
        var before = new UserRecord
        {
            Login = "cron",
            CryptHash = "$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1",
            AllowedSenders = ["@alerts.example"],
            MessagesPerHour = 5,
        };

        UserRecord after = before.WithSecretsOf(UserRecord.Create("cron", "new", new CredentialOptions { Iterations = 1 }));

        Assert.Null(after.CryptHash);
        Assert.Equal(["@alerts.example"], after.AllowedSenders);
        Assert.Equal(5, after.MessagesPerHour);
        Assert.Equal(SaslFailureReason.None, Verify(after, "new"));
        Assert.Equal(SaslFailureReason.InvalidCredentials, Verify(after, "secret"));
    }

    private sealed class SingleUser(UserRecord user) : ICredentialStore
    {
        public UserRecord? Find(string login) => login == user.Login ? user : null;
    }
}
