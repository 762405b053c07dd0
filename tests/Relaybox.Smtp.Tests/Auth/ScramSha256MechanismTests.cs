using System.Security.Cryptography;
using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class ScramSha256MechanismTests
{
    // RFC 7677 section 3.
    private const string ClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private const string ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private const string ClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private const string ServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    private const string ServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

    private static UserDatabase User(string password) => UserDatabase.Empty.WithUser(new UserRecord
    {
        Login = "user",
        ScramSha256 = ScramVerifier.Derive(ScramAlgorithm.Sha256, Bytes(password), Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096),
    });

    private static readonly UserDatabase Pencil = User("pencil");

    private static ScramSha256Mechanism Server(UserDatabase users, bool plusAdvertised = false) =>
        new(With(users, nonce: ServerNonce) with { PlusAdvertised = plusAdvertised });

    [Fact]
    public void Rfc7677ExampleReplaysByteForByte()
    {
        using var scram = Server(Pencil);

        SaslStep serverFirst = scram.Start(true, Bytes(ClientFirst));
        SaslStep serverFinal = scram.Continue(Bytes(ClientFinal));
        SaslStep verdict = scram.Continue([]);

        Assert.Equal(ServerFirst, Text(serverFirst.Challenge));
        Assert.Equal(ServerFinal, Text(serverFinal.Challenge));
        Assert.Equal(SaslOutcome.Success, verdict.Outcome);
        Assert.Equal("user", scram.AuthenticatedLogin);
    }

    [Fact]
    public void WithoutInitialResponseTheServerSendsAnEmptyChallengeFirst()
    {
        using var scram = Server(Pencil);

        SaslStep empty = scram.Start(false, default);

        Assert.Empty(empty.Challenge!);
        Assert.Equal(ServerFirst, Text(scram.Continue(Bytes(ClientFirst)).Challenge));
    }

    [Fact]
    public void WrongPasswordAndUnknownUserFailForTheSameReason()
    {
        using var wrong = Server(User("crayon"));
        using var unknown = Server(UserDatabase.Empty);
        wrong.Start(true, Bytes(ClientFirst));
        unknown.Start(true, Bytes(ClientFirst));

        SaslFailureReason wrongReason = wrong.Continue(Bytes(ClientFinal)).Reason;
        SaslFailureReason unknownReason = unknown.Continue(Bytes(ClientFinal)).Reason;

        Assert.Equal(SaslFailureReason.InvalidCredentials, wrongReason);
        Assert.Equal(wrongReason, unknownReason);
    }

    [Fact]
    public void AnUnknownUserGetsAPlausibleAndStableServerFirst()
    {
        using var first = Server(UserDatabase.Empty);
        using var second = Server(UserDatabase.Empty);
        using var other = Server(UserDatabase.Empty);

        string one = Text(first.Start(true, Bytes("n,,n=ghost,r=abc")).Challenge);
        string two = Text(second.Start(true, Bytes("n,,n=ghost,r=abc")).Challenge);
        string three = Text(other.Start(true, Bytes("n,,n=phantom,r=abc")).Challenge);

        Assert.Matches("^r=abc%hvYDpWUa2RaTCAfuxFIlj\\)hNlF\\$k0,s=[A-Za-z0-9+/]{22}==,i=4096$", one);
        Assert.Equal(one, two);
        Assert.NotEqual(one, three);
    }

    [Fact]
    public void AnAuthzidOtherThanTheLoginIsRefused()
    {
        using var scram = Server(Pencil);

        Assert.Equal(SaslFailureReason.AuthorizationIdentityRefused, scram.Start(true, Bytes("n,a=admin,n=user,r=abc")).Reason);
    }

    [Fact]
    public void AnAuthzidEqualToTheLoginIsAccepted()
    {
        using var scram = Server(Pencil);
        string clientFirstBare = "n=user,r=abc";
        string serverFirst = Text(scram.Start(true, Bytes("n,a=user," + clientFirstBare)).Challenge);
        (string clientFinal, string expected) = ScramTestClient.Finish(HashAlgorithmName.SHA256, "pencil", clientFirstBare, serverFirst, Bytes("n,a=user,"));

        Assert.Equal(expected, Text(scram.Continue(Bytes(clientFinal)).Challenge));
        Assert.Equal(SaslOutcome.Success, scram.Continue([]).Outcome);
    }

    [Fact]
    public void GsFlagYIsADowngradeWhenPlusWasAdvertised()
    {
        using var scram = Server(Pencil, plusAdvertised: true);

        Assert.Equal(SaslFailureReason.ChannelBindingMismatch, scram.Start(true, Bytes("y,,n=user,r=abc")).Reason);
    }

    [Fact]
    public void GsFlagYIsAcceptedWhenPlusWasNotAdvertised()
    {
        using var scram = Server(Pencil, plusAdvertised: false);
        string serverFirst = Text(scram.Start(true, Bytes("y,,n=user,r=abc")).Challenge);
        (string clientFinal, string expected) = ScramTestClient.Finish(HashAlgorithmName.SHA256, "pencil", "n=user,r=abc", serverFirst, Bytes("y,,"));

        Assert.Equal(expected, Text(scram.Continue(Bytes(clientFinal)).Challenge));
    }

    [Fact]
    public void AChannelBindingRequestOnTheNonPlusMechanismIsMalformed()
    {
        using var scram = Server(Pencil);

        Assert.Equal(SaslFailureReason.MalformedResponse, scram.Start(true, Bytes("p=tls-server-end-point,,n=user,r=abc")).Reason);
    }

    [Theory]
    [InlineData("x,,n=user,r=abc")]
    [InlineData("n,,r=abc,n=user")]
    [InlineData("n,,n=user")]
    [InlineData("n,,n=,r=abc")]
    [InlineData("n,,n=us=er,r=abc")]
    [InlineData("n,,n=user,r=")]
    [InlineData("n,,m=ext,n=user,r=abc")]
    [InlineData("n,b=x,n=user,r=abc")]
    [InlineData("n,n=user,r=abc")]
    public void ClientFirstMessagesBreakingRfc5802AreMalformed(string clientFirst)
    {
        using var scram = Server(Pencil);

        Assert.Equal(SaslFailureReason.MalformedResponse, scram.Start(true, Bytes(clientFirst)).Reason);
    }

    [Fact]
    public void EscapedSaslNamesAreDecoded()
    {
        var users = UserDatabase.Empty.WithUser(ScramUser("a,b=c", "pencil"));
        using var scram = Server(users);
        string serverFirst = Text(scram.Start(true, Bytes("n,,n=a=2Cb=3Dc,r=abc")).Challenge);
        (string clientFinal, _) = ScramTestClient.Finish(HashAlgorithmName.SHA256, "pencil", "n=a=2Cb=3Dc,r=abc", serverFirst, Bytes("n,,"));
        scram.Continue(Bytes(clientFinal));

        Assert.Equal(SaslOutcome.Success, scram.Continue([]).Outcome);
        Assert.Equal("a,b=c", scram.AuthenticatedLogin);
    }

    [Theory]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k1")]
    [InlineData("c=biws", "c=eSws")]
    [InlineData(",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "")]
    [InlineData("p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "p=dHzbZapWIk4jUhN+Ute9")]
    [InlineData("c=biws,", "")]
    public void ClientFinalMessagesBreakingRfc5802AreMalformed(string original, string replacement)
    {
        using var scram = Server(Pencil);
        scram.Start(true, Bytes(ClientFirst));

        Assert.Equal(SaslFailureReason.MalformedResponse, scram.Continue(Bytes(ClientFinal.Replace(original, replacement))).Reason);
    }

    [Fact]
    public void ANonEmptyReplyToServerFinalIsMalformed()
    {
        using var scram = Server(Pencil);
        scram.Start(true, Bytes(ClientFirst));
        scram.Continue(Bytes(ClientFinal));

        Assert.Equal(SaslFailureReason.MalformedResponse, scram.Continue(Bytes("v=again")).Reason);
        Assert.Null(scram.AuthenticatedLogin);
    }

    [Fact]
    public void ResetForgetsTheExchangeInProgress()
    {
        using var scram = Server(Pencil);
        scram.Start(true, Bytes(ClientFirst));

        scram.Reset();

        // After a reset the proof belongs to no exchange: the server reads it as a (malformed) client-first.
        Assert.Equal(SaslFailureReason.MalformedResponse, scram.Continue(Bytes(ClientFinal)).Reason);
    }
}
