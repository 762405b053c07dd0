using System.Text;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Tests.Auth;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>The client mechanisms against relaybox's own server mechanisms: both sides real.</summary>
public sealed class SaslClientTests
{
    private static readonly UpstreamCredentials Right = new("user", "pencil");
    private static readonly UpstreamCredentials Wrong = new("user", "crayon");

    private static UserDatabase Users() => UserDatabase.Empty.WithUser(SaslTestContext.PlaintextEquivalentUser("user", "pencil"));

    /// <summary>Runs an exchange the way the SMTP layer does; returns the server's outcome and the client's verdict.</summary>
    private static (SaslOutcome Server, bool ClientVerified, SaslServerMechanism Mechanism) Exchange(SaslClientMechanism client, SaslServerMechanism server)
    {
        byte[]? initial = client.InitialResponse();
        SaslStep step = server.Start(initial is not null, initial);
        for (int i = 0; i < 8 && step.Outcome == SaslOutcome.Challenge; i++)
        {
            byte[]? response = client.Respond(step.Challenge);
            if (response is null)
            {
                return (SaslOutcome.Failure, false, server);
            }

            step = server.Continue(response);
        }

        return (step.Outcome, client.ServerVerified, server);
    }

    [Fact]
    public void ScramClientReplaysTheRfc7677ExampleByteForByte()
    {
        var client = new ScramSha256Client(Right, () => "rOprNGfwEbeRWgbNEkqO");

        byte[]? first = client.InitialResponse();
        byte[]? final = client.Respond(Encoding.UTF8.GetBytes("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        byte[]? acknowledgement = client.Respond(Encoding.UTF8.GetBytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));

        Assert.Equal("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", Encoding.UTF8.GetString(first!));
        Assert.Equal("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", Encoding.UTF8.GetString(final!));
        Assert.Empty(acknowledgement!);
        Assert.True(client.ServerVerified);
    }

    [Fact]
    public void ScramClientAuthenticatesAgainstTheServerMechanism()
    {
        var (outcome, verified, server) = Exchange(new ScramSha256Client(Right), new ScramSha256Mechanism(SaslTestContext.With(Users())));

        Assert.Equal(SaslOutcome.Success, outcome);
        Assert.True(verified);
        Assert.Equal("user", server.AuthenticatedLogin);
    }

    [Fact]
    public void ScramServerRefusesTheWrongPassword()
    {
        var (outcome, verified, _) = Exchange(new ScramSha256Client(Wrong), new ScramSha256Mechanism(SaslTestContext.With(Users())));

        Assert.Equal(SaslOutcome.Failure, outcome);
        Assert.False(verified);
    }

    [Fact]
    public void ScramClientRejectsAServerThatDoesNotKnowTheVerifier()
    {
        var client = new ScramSha256Client(Right, () => "rOprNGfwEbeRWgbNEkqO");
        client.InitialResponse();
        client.Respond(Encoding.UTF8.GetBytes("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));

        byte[]? answer = client.Respond(Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(new byte[32])));

        Assert.Null(answer);
        Assert.False(client.ServerVerified);
    }

    [Theory]
    [InlineData("r=someoneelsesnonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999")]
    [InlineData("m=ext,r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")]
    public void ScramClientRefusesAnUnacceptableServerFirstMessage(string serverFirst)
    {
        var client = new ScramSha256Client(Right, () => "rOprNGfwEbeRWgbNEkqO");
        client.InitialResponse();

        Assert.Null(client.Respond(Encoding.UTF8.GetBytes(serverFirst)));
    }

    [Fact]
    public void ScramClientEscapesCommaAndEqualsInTheLogin()
    {
        var client = new ScramSha256Client(new UpstreamCredentials("a=b,c", "x"), () => "nonce");

        Assert.Equal("n,,n=a=3Db=2Cc,r=nonce", Encoding.UTF8.GetString(client.InitialResponse()!));
    }

    [Theory]
    [InlineData("pencil", SaslOutcome.Success)]
    [InlineData("crayon", SaslOutcome.Failure)]
    public void CramMd5ClientAgainstTheServerMechanism(string password, SaslOutcome expected)
    {
        var (outcome, _, _) = Exchange(new CramMd5Client(new UpstreamCredentials("user", password)), new CramMd5Mechanism(SaslTestContext.With(Users())));

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void CramMd5ClientReplaysTheRfc2195Example()
    {
        var client = new CramMd5Client(new UpstreamCredentials("tim", "tanstaaftanstaaf"));

        byte[]? response = client.Respond(Encoding.ASCII.GetBytes("<1896.697170952@postoffice.reston.mci.net>"));

        Assert.Equal("tim b913a602c7eda7a495b4e6e7334d3890", Encoding.ASCII.GetString(response!));
    }

    [Theory]
    [InlineData("pencil", SaslOutcome.Success)]
    [InlineData("crayon", SaslOutcome.Failure)]
    public void PlainClientAgainstTheServerMechanism(string password, SaslOutcome expected)
    {
        var (outcome, _, _) = Exchange(new PlainClient(new UpstreamCredentials("user", password)), new PlainMechanism(SaslTestContext.With(Users())));

        Assert.Equal(expected, outcome);
    }

    [Theory]
    [InlineData("pencil", SaslOutcome.Success)]
    [InlineData("crayon", SaslOutcome.Failure)]
    public void LoginClientAgainstTheServerMechanism(string password, SaslOutcome expected)
    {
        var (outcome, _, _) = Exchange(new LoginClient(new UpstreamCredentials("user", password)), new LoginMechanism(SaslTestContext.With(Users())));

        Assert.Equal(expected, outcome);
    }

    [Theory]
    [InlineData(new[] { "CRAM-MD5", "LOGIN", "PLAIN", "SCRAM-SHA-256" }, true, "SCRAM-SHA-256")]
    [InlineData(new[] { "CRAM-MD5", "LOGIN", "PLAIN" }, true, "PLAIN")]
    [InlineData(new[] { "CRAM-MD5", "LOGIN" }, true, "LOGIN")]
    [InlineData(new[] { "CRAM-MD5", "LOGIN", "PLAIN" }, false, "CRAM-MD5")]
    [InlineData(new[] { "DIGEST-MD5", "CRAM-MD5" }, true, "CRAM-MD5")]
    public void ChooserTakesTheStrongestMechanismBothSidesHave(string[] offered, bool tls, string expected)
    {
        Assert.Equal(expected, SaslClientChooser.Choose(offered.ToHashSet(), tls, Right)?.Name);
    }

    [Fact]
    public void ChooserNeverSendsAPasswordInClearWithoutTls()
    {
        Assert.Null(SaslClientChooser.Choose(new HashSet<string> { "PLAIN", "LOGIN" }, tlsActive: false, Right));
    }

    [Fact]
    public void CredentialsNeverShowThePassword()
    {
        Assert.DoesNotContain("pencil", Right.ToString());
    }
}
