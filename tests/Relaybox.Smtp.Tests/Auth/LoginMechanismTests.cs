using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class LoginMechanismTests
{
    private static readonly UserDatabase Users = UserDatabase.Empty.WithUser(ScramUser("printer", "toner"));

    [Fact]
    public void ServerAsksForUsernameThenPasswordAndAcceptsTheRightPair()
    {
        using var login = new LoginMechanism(With(Users));

        SaslStep username = login.Start(false, default);
        SaslStep password = login.Continue(Bytes("printer"));
        SaslStep verdict = login.Continue(Bytes("toner"));

        Assert.Equal("Username:", Text(username.Challenge));
        Assert.Equal("Password:", Text(password.Challenge));
        Assert.Equal(SaslOutcome.Success, verdict.Outcome);
        Assert.Equal("printer", login.AuthenticatedLogin);
    }

    [Fact]
    public void AnInitialResponseIsTheUsername()
    {
        using var login = new LoginMechanism(With(Users));

        SaslStep first = login.Start(true, Bytes("printer"));

        Assert.Equal("Password:", Text(first.Challenge));
        Assert.Equal(SaslOutcome.Success, login.Continue(Bytes("toner")).Outcome);
    }

    [Fact]
    public void WrongPasswordAndUnknownUserFailForTheSameReason()
    {
        using var wrong = new LoginMechanism(With(Users));
        using var unknown = new LoginMechanism(With(Users));
        wrong.Start(true, Bytes("printer"));
        unknown.Start(true, Bytes("scanner"));

        SaslFailureReason wrongReason = wrong.Continue(Bytes("ink")).Reason;
        SaslFailureReason unknownReason = unknown.Continue(Bytes("toner")).Reason;

        Assert.Equal(SaslFailureReason.InvalidCredentials, wrongReason);
        Assert.Equal(wrongReason, unknownReason);
        Assert.Null(wrong.AuthenticatedLogin);
    }

    [Fact]
    public void AnEmptyUsernameIsMalformed()
    {
        using var login = new LoginMechanism(With(Users));
        login.Start(false, default);

        Assert.Equal(SaslFailureReason.MalformedResponse, login.Continue([]).Reason);
    }

    [Fact]
    public void AnEmptyPasswordIsMalformed()
    {
        using var login = new LoginMechanism(With(Users));
        login.Start(true, Bytes("printer"));

        Assert.Equal(SaslFailureReason.MalformedResponse, login.Continue([]).Reason);
    }
}
