using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class CramMd5MechanismTests
{
    private const string Rfc2195Challenge = "<1896.697170952@postoffice.reston.mci.net>";
    private const string Rfc2195Response = "tim b913a602c7eda7a495b4e6e7334d3890";

    private static CramMd5Mechanism Rfc2195Server(UserDatabase users) => new(
        With(users, serverName: "postoffice.reston.mci.net", nonce: "1896") with
        {
            Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(697170952)),
        });

    [Fact]
    public void Rfc2195ExampleReplaysByteForByte()
    {
        using var cram = Rfc2195Server(UserDatabase.Empty.WithUser(PlaintextEquivalentUser("tim", "tanstaaftanstaaf")));

        SaslStep challenge = cram.Start(false, default);
        SaslStep verdict = cram.Continue(Bytes(Rfc2195Response));

        Assert.Equal(Rfc2195Challenge, Text(challenge.Challenge));
        Assert.Equal(SaslOutcome.Success, verdict.Outcome);
        Assert.Equal("tim", cram.AuthenticatedLogin);
    }

    [Fact]
    public void UppercaseHexDigestIsAccepted()
    {
        using var cram = Rfc2195Server(UserDatabase.Empty.WithUser(PlaintextEquivalentUser("tim", "tanstaaftanstaaf")));
        cram.Start(false, default);

        Assert.Equal(SaslOutcome.Success, cram.Continue(Bytes(Rfc2195Response.ToUpperInvariant().Replace("TIM", "tim"))).Outcome);
    }

    [Fact]
    public void WrongPasswordAndUnknownUserFailForTheSameReason()
    {
        using var wrong = Rfc2195Server(UserDatabase.Empty.WithUser(PlaintextEquivalentUser("tim", "another")));
        using var unknown = Rfc2195Server(UserDatabase.Empty.WithUser(PlaintextEquivalentUser("tom", "tanstaaftanstaaf")));
        wrong.Start(false, default);
        unknown.Start(false, default);

        SaslFailureReason wrongReason = wrong.Continue(Bytes(Rfc2195Response)).Reason;
        SaslFailureReason unknownReason = unknown.Continue(Bytes(Rfc2195Response)).Reason;

        Assert.Equal(SaslFailureReason.InvalidCredentials, wrongReason);
        Assert.Equal(wrongReason, unknownReason);
    }

    [Fact]
    public void AUserWithoutAPlaintextEquivalentCannotUseCramMd5()
    {
        using var cram = Rfc2195Server(UserDatabase.Empty.WithUser(ScramUser("tim", "tanstaaftanstaaf")));
        cram.Start(false, default);

        Assert.Equal(SaslFailureReason.CredentialsUnusable, cram.Continue(Bytes(Rfc2195Response)).Reason);
    }

    [Theory]
    [InlineData("timb913a602c7eda7a495b4e6e7334d3890")]
    [InlineData("tim b913a602c7eda7a495b4e6e7334d389")]
    [InlineData("tim b913a602c7eda7a495b4e6e7334d389z")]
    [InlineData(" b913a602c7eda7a495b4e6e7334d3890")]
    public void ResponsesNotShapedLoginSpaceHexDigestAreMalformed(string response)
    {
        using var cram = Rfc2195Server(UserDatabase.Empty.WithUser(PlaintextEquivalentUser("tim", "tanstaaftanstaaf")));
        cram.Start(false, default);

        Assert.Equal(SaslFailureReason.MalformedResponse, cram.Continue(Bytes(response)).Reason);
    }

    [Fact]
    public void AnInitialResponseIsMalformedBecauseTheServerSpeaksFirst()
    {
        using var cram = Rfc2195Server(UserDatabase.Empty);

        Assert.Equal(SaslFailureReason.MalformedResponse, cram.Start(true, Bytes(Rfc2195Response)).Reason);
    }

    [Fact]
    public void EachExchangeGetsTheNonceFromTheContext()
    {
        int calls = 0;
        var context = With(UserDatabase.Empty) with { NonceSource = () => $"n{++calls}" };
        using var first = new CramMd5Mechanism(context);
        using var second = new CramMd5Mechanism(context);

        string one = Text(first.Start(false, default).Challenge);
        string two = Text(second.Start(false, default).Challenge);

        Assert.StartsWith("<n1.", one);
        Assert.StartsWith("<n2.", two);
        Assert.EndsWith("@relay.example>", one);
    }
}
