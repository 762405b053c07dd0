using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class DigestMd5MechanismTests
{
    // RFC 2831 section 4, the IMAP example (hence digest-uri imap/...).
    private const string Rfc2831Challenge =
        "realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",qop=\"auth\",algorithm=md5-sess,charset=utf-8";

    private const string Rfc2831Response =
        "charset=utf-8,username=\"chris\",realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",nc=00000001," +
        "cnonce=\"OA6MHXh6VqTrRk\",digest-uri=\"imap/elwood.innosoft.com\",response=d388dad90d4bbd760a152321f2143af7,qop=auth";

    private const string Rfc2831ResponseAuth = "rspauth=ea40f60335c427b5527b84dbabcdfffd";

    private static DigestMd5Mechanism Rfc2831Server(UserDatabase users, string service = "imap") => new(
        With(users, serverName: "elwood.innosoft.com", nonce: "OA6MG9tEQGm2hh") with { DigestUriService = service });

    private static UserDatabase Chris(string password = "secret") => UserDatabase.Empty.WithUser(PlaintextEquivalentUser("chris", password));

    [Fact]
    public void Rfc2831ExampleReplaysByteForByte()
    {
        using var digest = Rfc2831Server(Chris());

        SaslStep challenge = digest.Start(false, default);
        SaslStep responseAuth = digest.Continue(Bytes(Rfc2831Response));
        Assert.Null(digest.AuthenticatedLogin);
        SaslStep verdict = digest.Continue([]);

        Assert.Equal(Rfc2831Challenge, Text(challenge.Challenge));
        Assert.Equal(Rfc2831ResponseAuth, Text(responseAuth.Challenge));
        Assert.Equal(SaslOutcome.Success, verdict.Outcome);
        Assert.Equal("chris", digest.AuthenticatedLogin);
    }

    [Fact]
    public void DirectivesMayComeInAnyOrderWithSpacesAroundCommas()
    {
        using var digest = Rfc2831Server(Chris());
        digest.Start(false, default);
        string reordered = string.Join(" , ", Rfc2831Response.Split(',').Reverse());

        Assert.Equal(Rfc2831ResponseAuth, Text(digest.Continue(Bytes(reordered)).Challenge));
    }

    [Fact]
    public void ByDefaultOnlyTheSmtpServiceIsAccepted()
    {
        using var digest = Rfc2831Server(Chris(), service: "smtp");
        digest.Start(false, default);

        Assert.Equal(SaslFailureReason.MalformedResponse, digest.Continue(Bytes(Rfc2831Response)).Reason);
    }

    [Fact]
    public void WrongPasswordAndUnknownUserFailForTheSameReason()
    {
        using var wrong = Rfc2831Server(Chris("not-secret"));
        using var unknown = Rfc2831Server(UserDatabase.Empty.WithUser(PlaintextEquivalentUser("kris", "secret")));
        wrong.Start(false, default);
        unknown.Start(false, default);

        SaslFailureReason wrongReason = wrong.Continue(Bytes(Rfc2831Response)).Reason;
        SaslFailureReason unknownReason = unknown.Continue(Bytes(Rfc2831Response)).Reason;

        Assert.Equal(SaslFailureReason.InvalidCredentials, wrongReason);
        Assert.Equal(wrongReason, unknownReason);
    }

    [Fact]
    public void AUserWithoutAPlaintextEquivalentCannotUseDigestMd5()
    {
        using var digest = Rfc2831Server(UserDatabase.Empty.WithUser(ScramUser("chris", "secret")));
        digest.Start(false, default);

        Assert.Equal(SaslFailureReason.CredentialsUnusable, digest.Continue(Bytes(Rfc2831Response)).Reason);
    }

    [Fact]
    public void AnAuthzidOtherThanTheUsernameIsRefused()
    {
        using var digest = Rfc2831Server(Chris());
        digest.Start(false, default);

        Assert.Equal(SaslFailureReason.AuthorizationIdentityRefused, digest.Continue(Bytes(Rfc2831Response + ",authzid=\"root\"")).Reason);
    }

    [Theory]
    [InlineData("nc=00000001", "nc=00000002")]
    [InlineData("nonce=\"OA6MG9tEQGm2hh\"", "nonce=\"stale\"")]
    [InlineData("qop=auth", "qop=auth-int")]
    [InlineData("realm=\"elwood.innosoft.com\"", "realm=\"elsewhere\"")]
    [InlineData(",cnonce=\"OA6MHXh6VqTrRk\"", "")]
    [InlineData("response=d388dad90d4bbd760a152321f2143af7", "response=d388")]
    [InlineData("username=\"chris\"", "username=\"chris")]
    [InlineData("charset=utf-8,", "charset=utf-8,charset=utf-8,")]
    public void ResponsesBreakingRfc2831AreMalformed(string original, string replacement)
    {
        using var digest = Rfc2831Server(Chris());
        digest.Start(false, default);

        Assert.Equal(SaslFailureReason.MalformedResponse, digest.Continue(Bytes(Rfc2831Response.Replace(original, replacement))).Reason);
    }

    [Fact]
    public void ANonEmptyReplyToRspauthIsMalformed()
    {
        using var digest = Rfc2831Server(Chris());
        digest.Start(false, default);
        digest.Continue(Bytes(Rfc2831Response));

        Assert.Equal(SaslFailureReason.MalformedResponse, digest.Continue(Bytes("again")).Reason);
        Assert.Null(digest.AuthenticatedLogin);
    }
}
