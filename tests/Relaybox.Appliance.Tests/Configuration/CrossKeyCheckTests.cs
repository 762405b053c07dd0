using Relaybox.Appliance.Configuration;

namespace Relaybox.Appliance.Tests.Configuration;

public class CrossKeyCheckTests
{
    private const string File = "/etc/relaybox/relaybox.ini";

    /// <summary>A quiet base (admin set, so its warning stays out of the way) plus the lines under test.</summary>
    private static ConfigLoadResult Parse(string text) => ConfigLoader.Parse("[rewrite]\nadmin = a@example.net\n" + text, File);

    private static ConfigDiagnostic Only(ConfigLoadResult result)
    {
        return Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void BaseConfigurationIsQuiet()
    {
        Assert.Empty(Parse("").Diagnostics);
    }

    [Fact]
    public void CertWithoutKeyIsAnError()
    {
        ConfigDiagnostic error = Only(Parse("[tls]\ncert = /etc/ssl/relay.pem\n"));
        Assert.True(error.IsError);
        Assert.Equal(4, error.Line);
        Assert.Contains("without key", error.Message);
    }

    [Fact]
    public void KeyWithoutCertIsAnError()
    {
        Assert.Contains("without cert", Only(Parse("[tls]\nkey = /etc/ssl/relay.key\n")).Message);
    }

    [Theory]
    [InlineData("CRAM-MD5")]
    [InlineData("DIGEST-MD5")]
    public void PlaintextEquivalentMechanismIsAWarning(string mechanism)
    {
        ConfigDiagnostic warning = Only(Parse($"[auth]\nmechanisms = SCRAM-SHA-256 {mechanism}\n"));
        Assert.False(warning.IsError);
        Assert.Contains("plaintext-equivalent", warning.Message);
    }

    [Fact]
    public void NoplaintextWithOnlyPlainAndLoginIsAnError()
    {
        ConfigDiagnostic error = Only(Parse("[auth]\nmechanisms = PLAIN LOGIN\nsecurity_options = noanonymous noplaintext\n"));
        Assert.True(error.IsError);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void NoplaintextBesideScramOnlyWarnsThatPlainIsNotOffered()
    {
        ConfigDiagnostic warning = Only(Parse("[auth]\nsecurity_options = noplaintext\n"));
        Assert.False(warning.IsError);
        Assert.Contains("will not be offered", warning.Message);
    }

    [Fact]
    public void AuthOnlyNoIsAWarning()
    {
        ConfigDiagnostic warning = Only(Parse("[tls]\nauth_only = no\n"));
        Assert.False(warning.IsError);
        Assert.Equal(4, warning.Line);
    }

    [Fact]
    public void RelayhostWithoutTlsIsAWarning()
    {
        ConfigDiagnostic warning = Only(Parse("[relay]\nrelayhost = [smtp.example.net]:587\ntls_security_level = none\n"));
        Assert.False(warning.IsError);
        Assert.Equal(5, warning.Line);
        Assert.Contains("in clear", warning.Message);
    }

    [Fact]
    public void NoListenerIsAnError()
    {
        ConfigDiagnostic error = Only(Parse("[listen]\nsmtp =\nsubmission =\nsmtps =\n"));
        Assert.True(error.IsError);
        Assert.Contains("no listener", error.Message);
    }

    [Fact]
    public void TwoListenersOnOnePortAreAnError()
    {
        Assert.Contains("port 2525", Only(Parse("[listen]\nsmtp = 127.0.0.1:2525\nsubmission = 127.0.0.1:2525\n")).Message);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    [InlineData("192.168.0.0/16, 0.0.0.0/0")]
    public void MyNetworksCoveringEverythingIsAnOpenRelayError(string networks)
    {
        ConfigDiagnostic error = Assert.Single(Parse($"[server]\nmynetworks = {networks}\n").Errors);
        Assert.Contains("open relay", error.Message);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void PublicNetworkInMyNetworksIsAWarning()
    {
        ConfigDiagnostic warning = Only(Parse("[server]\nmynetworks = 127.0.0.0/8, 203.0.113.0/24\n"));
        Assert.False(warning.IsError);
        Assert.Contains("203.0.113.0/24", warning.Message);
    }

    [Fact]
    public void PrivateNetworksInMyNetworksAreQuiet()
    {
        Assert.Empty(Parse("[server]\nmynetworks = 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fd00::/8 fe80::/10 127.0.0.1 ::1\n").Diagnostics);
    }

    [Theory]
    [InlineData("permit_mynetworks, permit_sasl_authenticated")]
    [InlineData("permit_mynetworks, permit")]
    [InlineData("")]
    public void RestrictionsThatNeverRejectAreAnOpenRelayError(string restrictions)
    {
        ConfigDiagnostic error = Only(Parse($"[relay]\nrestrictions = {restrictions}\n"));
        Assert.True(error.IsError);
        Assert.Contains("open relay", error.Message);
    }

    [Fact]
    public void RestrictionsAfterRejectAreUnreachable()
    {
        ConfigDiagnostic warning = Only(Parse("[relay]\nrestrictions = permit_mynetworks, reject, permit_sasl_authenticated\n"));
        Assert.False(warning.IsError);
        Assert.Contains("never reached", warning.Message);
    }

    [Fact]
    public void SenderLoginMismatchAfterSaslPermitIsAWarning()
    {
        ConfigDiagnostic warning = Only(Parse(
            "[relay]\nrestrictions = permit_mynetworks, permit_sasl_authenticated, reject_sender_login_mismatch, reject_unauth_destination\n"));
        Assert.Contains("reject_sender_login_mismatch", warning.Message);
    }

    [Fact]
    public void WrapperModeOnPort587IsAWarning()
    {
        Assert.Contains("465", Only(Parse("[relay]\nrelayhost = [smtp.example.net]:587\ntls_wrappermode = yes\n")).Message);
    }

    [Fact]
    public void Port465WithoutWrapperModeIsAWarning()
    {
        Assert.Contains("tls_wrappermode = yes", Only(Parse("[relay]\nrelayhost = [smtp.example.net]:465\n")).Message);
    }

    [Fact]
    public void PasswordFileWithoutRelayhostIsAWarning()
    {
        Assert.Contains("only used with a relayhost", Only(Parse("[relay]\nsasl_password_file = /etc/relaybox/relayhost.secret\n")).Message);
    }

    [Fact]
    public void FingerprintWithOpportunisticTlsIsAnError()
    {
        string pin = new('a', 64);
        ConfigLoadResult result = Parse($"[relay]\nrelayhost = [smtp.example.net]:587\ntls_security_level = may\ntls_fingerprint = {pin}\n");
        Assert.Contains(result.Errors, e => e.Line == 6 && e.Message.Contains("tls_fingerprint"));
    }

    [Fact]
    public void MinBackoffLongerThanMaxBackoffIsAnError()
    {
        Assert.True(Only(Parse("[queue]\nmin_backoff = 2h\nmax_backoff = 1h\n")).IsError);
    }

    [Fact]
    public void LegacyForEveryoneIsAnError()
    {
        Assert.Contains(Parse("[legacy]\nclients = 0.0.0.0/0\n").Diagnostics, d => d.IsError);
    }

    [Fact]
    public void PlaintextAuthWithoutLegacyClientsHasNoEffectWarning()
    {
        Assert.Contains("no effect", Only(Parse("[legacy]\nallow_plaintext_auth = yes\n")).Message);
    }

    [Fact]
    public void LegacyTlsBelow12WarnsThatOpenSslNeedsItsSecurityLevelLowered()
    {
        Assert.Contains("OPENSSL_CONF", Only(Parse("[legacy]\nclients = 192.168.1.50\ntls_min_version = 1.0\n")).Message);
        Assert.Empty(Parse("[legacy]\nclients = 192.168.1.50\ntls_min_version = 1.2\n").Diagnostics);
    }

    [Fact]
    public void SameGpioLineTwiceIsAnError()
    {
        Assert.True(Only(Parse("[gpio]\nled_status = GPIO5\nled_error = gpio5\n")).IsError);
    }

    [Fact]
    public void UnqualifiedHostnameIsAWarning()
    {
        Assert.Contains("not fully qualified", Only(Parse("[server]\nhostname = relaybox\n")).Message);
    }

    [Fact]
    public void MissingAdminIsAWarning()
    {
        ConfigDiagnostic warning = Assert.Single(ConfigLoader.Parse("", File).Diagnostics);
        Assert.False(warning.IsError);
        Assert.Contains("admin", warning.Message);
    }

    [Fact]
    public void WarningsAloneStillYieldAConfig()
    {
        ConfigLoadResult result = Parse("[tls]\nauth_only = no\n");
        Assert.NotEmpty(result.Warnings);
        Assert.NotNull(result.Config);
    }
}
