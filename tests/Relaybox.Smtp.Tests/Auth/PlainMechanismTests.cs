using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class PlainMechanismTests
{
    private static readonly UserDatabase Users = UserDatabase.Empty
        .WithUser(ScramUser("tim", "tanstaaftanstaaf"))
        .WithUser(ScramUser("Kurt", "xipj3plmq"));

    [Fact]
    public void Rfc4616ExampleWithEmptyAuthzidSucceeds()
    {
        using var plain = new PlainMechanism(With(Users));

        SaslStep step = plain.Start(true, Bytes("\0tim\0tanstaaftanstaaf"));

        Assert.Equal(SaslOutcome.Success, step.Outcome);
        Assert.Equal("tim", plain.AuthenticatedLogin);
    }

    [Fact]
    public void Rfc4616ExampleActingAsAnotherUserIsRefused()
    {
        using var plain = new PlainMechanism(With(Users));

        SaslStep step = plain.Start(true, Bytes("Ursel\0Kurt\0xipj3plmq"));

        Assert.Equal(SaslFailureReason.AuthorizationIdentityRefused, step.Reason);
        Assert.Null(plain.AuthenticatedLogin);
    }

    [Fact]
    public void AuthzidEqualToTheLoginIsAccepted()
    {
        using var plain = new PlainMechanism(With(Users));

        Assert.Equal(SaslOutcome.Success, plain.Start(true, Bytes("tim\0tim\0tanstaaftanstaaf")).Outcome);
    }

    [Fact]
    public void WithoutInitialResponseTheServerSendsAnEmptyChallengeThenAcceptsTheMessage()
    {
        using var plain = new PlainMechanism(With(Users));

        SaslStep first = plain.Start(false, default);
        SaslStep second = plain.Continue(Bytes("\0tim\0tanstaaftanstaaf"));

        Assert.Equal(SaslOutcome.Challenge, first.Outcome);
        Assert.Empty(first.Challenge!);
        Assert.Equal(SaslOutcome.Success, second.Outcome);
    }

    [Fact]
    public void WrongPasswordAndUnknownUserFailForTheSameReason()
    {
        using var wrongPassword = new PlainMechanism(With(Users));
        using var unknownUser = new PlainMechanism(With(Users));

        SaslFailureReason wrong = wrongPassword.Start(true, Bytes("\0tim\0wrong")).Reason;
        SaslFailureReason unknown = unknownUser.Start(true, Bytes("\0nobody\0tanstaaftanstaaf")).Reason;

        Assert.Equal(SaslFailureReason.InvalidCredentials, wrong);
        Assert.Equal(wrong, unknown);
    }

    [Theory]
    [InlineData("tim")]
    [InlineData("\0tim")]
    [InlineData("\0\0password")]
    [InlineData("\0tim\0")]
    [InlineData("\0tim\0pass\0extra")]
    public void MessagesNotShapedAuthzidNulAuthcidNulPasswordAreMalformed(string message)
    {
        using var plain = new PlainMechanism(With(Users));

        Assert.Equal(SaslFailureReason.MalformedResponse, plain.Start(true, Bytes(message)).Reason);
    }

    [Fact]
    public void InvalidUtf8IsMalformed()
    {
        using var plain = new PlainMechanism(With(Users));

        Assert.Equal(SaslFailureReason.MalformedResponse, plain.Start(true, [0, (byte)'t', 0xC3, 0x28, 0, (byte)'x']).Reason);
    }

    [Fact]
    public void PasswordLongerThan255OctetsIsMalformed()
    {
        using var plain = new PlainMechanism(With(Users));

        Assert.Equal(SaslFailureReason.MalformedResponse, plain.Start(true, Bytes("\0tim\0" + new string('x', 256))).Reason);
    }

    [Fact]
    public void ASecondMessageAfterTheVerdictIsMalformed()
    {
        using var plain = new PlainMechanism(With(Users));
        plain.Start(true, Bytes("\0tim\0tanstaaftanstaaf"));

        Assert.Equal(SaslFailureReason.MalformedResponse, plain.Continue(Bytes("\0tim\0tanstaaftanstaaf")).Reason);
    }

    [Fact]
    public void ResetForgetsTheAuthenticatedLogin()
    {
        using var plain = new PlainMechanism(With(Users));
        plain.Start(true, Bytes("\0tim\0tanstaaftanstaaf"));

        plain.Reset();

        Assert.Null(plain.AuthenticatedLogin);
    }
}
