using Relaybox.Appliance.Configuration;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>The checks across the smarthost and [queue] keys: what config check says, at which line, and how severely.</summary>
public class DeliveryCrossKeyCheckTests
{
    private const string File = "/etc/relaybox/relaybox.ini";

    /// <summary>A quiet base (admin set) plus the lines under test, which start on line 3.</summary>
    private static ConfigLoadResult Parse(string text) => ConfigLoader.Parse("[rewrite]\nadmin = a@example.net\n" + text, File);

    [Fact]
    public void DeliverNoIsANoteThatKeepsTheFileValid()
    {
        ConfigLoadResult result = Parse("[queue]\ndeliver = no\n");
        ConfigDiagnostic note = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Note, note.Severity);
        Assert.Equal($"{File}:4: note: delivery is off (deliver = no): accepted mail stays in the queue (relaybox queue list) and nothing is sent",
            note.ToString());
        Assert.Empty(result.Warnings);
        Assert.NotNull(result.Config);
    }

    [Fact]
    public void DeliverYesSaysNothing()
    {
        Assert.Empty(Parse("[queue]\ndeliver = yes\n").Diagnostics);
    }

    [Theory]
    [InlineData("5d", "5d")]
    [InlineData("6d", "5d")]
    [InlineData("3h", "2h")]
    public void DelayWarningNotBelowMaxLifetimeIsAnError(string delayWarning, string lifetime)
    {
        ConfigLoadResult result = Parse($"[queue]\nmax_lifetime = {lifetime}\nmax_backoff = 10m\ndelay_warning = {delayWarning}\n");
        ConfigDiagnostic error = Assert.Single(result.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal(6, error.Line);
        Assert.Contains($"delay_warning ({delayWarning}) must be shorter than max_lifetime ({lifetime})", error.Message);
    }

    [Fact]
    public void DelayWarningAgainstTheDefaultLifetimeNamesTheDefault()
    {
        Assert.Contains("max_lifetime (5d)", Assert.Single(Parse("[queue]\ndelay_warning = 7d\n").Errors).Message);
    }

    [Fact]
    public void DelayWarningOffIsAllowedWhateverTheLifetime()
    {
        Assert.Empty(Parse("[queue]\nmax_lifetime = 1h\nmax_backoff = 10m\ndelay_warning = 0\nstuck_alert = 0\n").Diagnostics);
    }

    [Fact]
    public void DelayWarningBelowMaxLifetimeIsQuiet()
    {
        Assert.Empty(Parse("[queue]\nmax_lifetime = 1d\ndelay_warning = 23h\n").Diagnostics);
    }

    [Fact]
    public void StuckAlertThatCannotFireBeforeTheBounceIsAWarning()
    {
        ConfigDiagnostic warning = Assert.Single(Parse("[queue]\nmax_lifetime = 2h\nmax_backoff = 10m\ndelay_warning = 1h\nstuck_alert = 2h\n").Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(7, warning.Line);
        Assert.Contains("stuck_alert (2h) is not shorter than max_lifetime (2h)", warning.Message);
    }

    [Fact]
    public void DestinationConcurrencyAboveMaxDeliveriesIsAWarning()
    {
        ConfigDiagnostic warning = Assert.Single(Parse("[queue]\nmax_deliveries = 4\ndestination_concurrency = 5\n").Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(5, warning.Line);
        Assert.Contains("no effect beyond max_deliveries", warning.Message);
        Assert.Empty(Parse("[queue]\nmax_deliveries = 5\ndestination_concurrency = 5\n").Diagnostics);
    }

    [Fact]
    public void FallbackRelayBesideARelayhostIsAWarning()
    {
        ConfigDiagnostic warning = Assert.Single(Parse("[relay]\nrelayhost = [smtp.example.net]:587\nfallback_relay = [backup.example.net]:587\n").Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(5, warning.Line);
        Assert.Contains("fallback_relay is never used while relayhost is set", warning.Message);
    }

    [Fact]
    public void FallbackRelayAloneWithItsPasswordIsQuiet()
    {
        Assert.Empty(Parse("[relay]\nfallback_relay = [smtp.example.net]:587\nsasl_password_file = /etc/relaybox/relayhost.secret\n").Diagnostics);
    }

    [Fact]
    public void PasswordFileWithNeitherRelayIsUnused()
    {
        ConfigDiagnostic warning = Assert.Single(Parse("[relay]\nsasl_password_file = /etc/relaybox/relayhost.secret\n").Diagnostics);
        Assert.Equal(4, warning.Line);
        Assert.Contains("only used with a relayhost or fallback_relay, and both are empty", warning.Message);
    }

    [Fact]
    public void FingerprintsPinTheFallbackRelay()
    {
        string pin = new('b', 64);
        Assert.Empty(Parse($"[relay]\nfallback_relay = [smtp.example.net]:587\ntls_fingerprint = {pin}\n").Diagnostics);
        ConfigLoadResult opportunistic = Parse($"[relay]\nfallback_relay = [smtp.example.net]:587\ntls_security_level = may\ntls_fingerprint = {pin}\n");
        Assert.Contains(opportunistic.Errors, e => e.Line == 6 && e.Message.Contains("tls_fingerprint needs"));
    }

    [Theory]
    [InlineData("relayhost", "")]
    [InlineData("fallback_relay", "")]
    [InlineData("relayhost", "sasl_password_file = /etc/relaybox/relayhost.secret\n")]
    public void OpportunisticTlsTowardsASmarthostIsAWarning(string key, string password)
    {
        ConfigDiagnostic warning = Assert.Single(Parse($"[relay]\n{key} = [smtp.example.net]:587\ntls_security_level = may\n{password}").Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(5, warning.Line);
        Assert.Contains("strip STARTTLS", warning.Message);
        Assert.Contains(password.Length > 0 ? $"read the {key} password" : "mail then crosses the Internet in clear", warning.Message);
    }

    [Theory]
    [InlineData("", "mail crosses the Internet in clear")]
    [InlineData("sasl_password_file = /etc/relaybox/relayhost.secret\n", "mail and the fallback_relay password cross the Internet in clear")]
    public void NoTlsTowardsTheFallbackRelayIsAWarning(string password, string message)
    {
        ConfigDiagnostic warning = Assert.Single(Parse($"[relay]\nfallback_relay = [smtp.example.net]:587\ntls_security_level = none\n{password}").Diagnostics);
        Assert.Contains(message, warning.Message);
    }

    [Fact]
    public void WrapperModeIsCheckedAgainstTheFallbackRelayPort()
    {
        ConfigDiagnostic warning = Assert.Single(Parse("[relay]\nfallback_relay = [smtp.example.net]:465\n").Diagnostics);
        Assert.Contains("fallback_relay port 465 expects implicit TLS", warning.Message);
    }

    [Fact]
    public void OpportunisticTlsForMxDeliveryAloneIsQuiet()
    {
        Assert.Empty(Parse("[relay]\ntls_security_level = may\n").Diagnostics);
    }
}
