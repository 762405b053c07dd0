using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class ScramVerifierTests
{
    // Made by GNU SASL: gsasl --mkpasswd --mechanism=SCRAM-SHA-256 --password=pencil --iteration-count=4096 --salt=W22ZaJ0SNY7soEsUEjb6gQ==
    private const string GsaslSha256 = "4096,W22ZaJ0SNY7soEsUEjb6gQ==,WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=,wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

    // gsasl --mkpasswd --mechanism=SCRAM-SHA-1 --password=pencil --iteration-count=4096 --salt=QSXCR+Q6sek8bf92
    private const string GsaslSha1 = "4096,QSXCR+Q6sek8bf92,6dlGYMOdZcOPutkcNY8U2g7vK9Y=,D+CSWLOshSulAsxiupA+qs2/fTE=";

    [Fact]
    public void DerivedSha256VerifierMatchesGnuSaslsAndReadsTheSameFormat()
    {
        ScramVerifier derived = ScramVerifier.Derive(ScramAlgorithm.Sha256, "pencil"u8, Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

        Assert.Equal(GsaslSha256, derived.Format());
        Assert.True(ScramVerifier.TryParse(ScramAlgorithm.Sha256, GsaslSha256, out ScramVerifier? parsed, out _));
        Assert.True(parsed.Matches("pencil"u8));
        Assert.False(parsed.Matches("pencil "u8));
    }

    [Fact]
    public void DerivedSha1VerifierMatchesGnuSasls()
    {
        ScramVerifier derived = ScramVerifier.Derive(ScramAlgorithm.Sha1, "pencil"u8, Convert.FromBase64String("QSXCR+Q6sek8bf92"), 4096);

        Assert.Equal(GsaslSha1, derived.Format());
    }

    [Fact]
    public void AKeyOfTheWrongLengthForTheHashIsRefused()
    {
        Assert.False(ScramVerifier.TryParse(ScramAlgorithm.Sha256, GsaslSha1, out _, out string? problem));
        Assert.Contains("32 bytes", problem);
    }
}
