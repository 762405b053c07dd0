using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class ScramSha1MechanismTests
{
    // RFC 5802 section 5.
    private const string ClientFirst = "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL";
    private const string ServerFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    private const string ClientFinal = "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    private const string ServerFinal = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";
    private const string ServerNonce = "3rfcNHYJY1ZVvWVs7j";

    private static UserDatabase User(string password) => UserDatabase.Empty.WithUser(new UserRecord
    {
        Login = "user",
        ScramSha1 = ScramVerifier.Derive(ScramAlgorithm.Sha1, Bytes(password), Convert.FromBase64String("QSXCR+Q6sek8bf92"), 4096),
    });

    [Fact]
    public void Rfc5802ExampleReplaysByteForByte()
    {
        using var scram = new ScramSha1Mechanism(With(User("pencil"), nonce: ServerNonce));

        SaslStep serverFirst = scram.Start(true, Bytes(ClientFirst));
        SaslStep serverFinal = scram.Continue(Bytes(ClientFinal));
        Assert.Null(scram.AuthenticatedLogin);
        SaslStep verdict = scram.Continue([]);

        Assert.Equal(ServerFirst, Text(serverFirst.Challenge));
        Assert.Equal(ServerFinal, Text(serverFinal.Challenge));
        Assert.Equal(SaslOutcome.Success, verdict.Outcome);
        Assert.Equal("user", scram.AuthenticatedLogin);
    }

    [Fact]
    public void WrongPasswordFailsWithInvalidCredentials()
    {
        using var scram = new ScramSha1Mechanism(With(User("not-pencil"), nonce: ServerNonce));

        Assert.Equal(ServerFirst, Text(scram.Start(true, Bytes(ClientFirst)).Challenge));
        Assert.Equal(SaslFailureReason.InvalidCredentials, scram.Continue(Bytes(ClientFinal)).Reason);
    }

    [Fact]
    public void AUserWithoutAScramSha1VerifierCannotUseScramSha1()
    {
        using var scram = new ScramSha1Mechanism(With(UserDatabase.Empty.WithUser(ScramUser("user", "pencil")), nonce: ServerNonce));
        scram.Start(true, Bytes(ClientFirst));

        Assert.Equal(SaslFailureReason.CredentialsUnusable, scram.Continue(Bytes(ClientFinal)).Reason);
    }
}
