using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class SaslMechanismsTests
{
    private static readonly SaslContext Context = SaslTestContext.With(UserDatabase.Empty);

    [Fact]
    public void EveryKnownNameCreatesTheMechanismOfThatName()
    {
        foreach (string name in SaslMechanisms.Known)
        {
            using SaslServerMechanism? mechanism = SaslMechanisms.Create(name, Context);

            Assert.Equal(name, mechanism?.Name);
        }
    }

    [Fact]
    public void NamesAreCaseInsensitive()
    {
        using SaslServerMechanism? mechanism = SaslMechanisms.Create("scram-sha-256-plus", Context);

        Assert.IsType<ScramSha256PlusMechanism>(mechanism);
    }

    [Theory]
    [InlineData("GSSAPI")]
    [InlineData("XOAUTH2")]
    [InlineData("")]
    public void UnknownNamesCreateNothing(string name) => Assert.Null(SaslMechanisms.Create(name, Context));

    [Fact]
    public void KnownListsTheStrongestFirst()
    {
        Assert.Equal(["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "DIGEST-MD5", "CRAM-MD5", "PLAIN", "LOGIN"], SaslMechanisms.Known);
    }

    [Fact]
    public void OnlyPlainAndLoginArePlaintext()
    {
        Assert.Equal(["PLAIN", "LOGIN"], SaslMechanisms.Known.Where(SaslMechanisms.IsPlaintext));
        Assert.True(SaslMechanisms.IsPlaintext("login"));
    }

    [Fact]
    public void OnlyCramMd5AndDigestMd5NeedAPlaintextEquivalent()
    {
        Assert.Equal(["DIGEST-MD5", "CRAM-MD5"], SaslMechanisms.Known.Where(SaslMechanisms.NeedsPlaintextEquivalent));
    }

    [Fact]
    public void OnlyThePlusMechanismNeedsChannelBinding()
    {
        Assert.Equal(["SCRAM-SHA-256-PLUS"], SaslMechanisms.Known.Where(SaslMechanisms.NeedsChannelBinding));
    }

    [Fact]
    public void CredentialOptionsStoreOnlyTheSecretsTheEnabledMechanismsNeed()
    {
        CredentialOptions scramOnly = CredentialOptions.ForMechanisms(["SCRAM-SHA-256", "PLAIN", "LOGIN"]);
        CredentialOptions legacy = CredentialOptions.ForMechanisms(["scram-sha-1", "cram-md5"], iterations: 8192);

        Assert.False(scramOnly.StoreScramSha1);
        Assert.False(scramOnly.StorePlaintextEquivalent);
        Assert.True(legacy.StoreScramSha1);
        Assert.True(legacy.StorePlaintextEquivalent);
        Assert.Equal(8192, legacy.Iterations);
    }
}
