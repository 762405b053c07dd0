using System.Net;
using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Relay;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>Each value type's accepted and refused forms, through the loader so the line and key are checked too.</summary>
public class ConfigValueTests
{
    private static ConfigLoadResult Load(string section, string key, string value) =>
        ConfigLoader.Parse($"[{section}]\n{key} = {value}\n", "/etc/relaybox/relaybox.ini");

    private static ConfigDiagnostic SingleValueError(string section, string key, string value)
    {
        ConfigLoadResult result = Load(section, key, value);
        Assert.Null(result.Config);
        ConfigDiagnostic error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains($"{key} in [{section}]", error.Message);
        Assert.Contains("expected", error.Message);
        return error;
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void BoolAcceptsEveryUsualSpelling(string text, bool expected)
    {
        Assert.Equal(expected, Load("server", "authenticated_header", text).Config!.Server.AuthenticatedHeader);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("2")]
    public void BoolRefusesOtherWords(string text)
    {
        Assert.Contains("yes or no", SingleValueError("server", "authenticated_header", text).Message);
    }

    [Theory]
    [InlineData("10240000", 10240000)]
    [InlineData("64k", 64 * 1024)]
    [InlineData("10M", 10 * 1024 * 1024)]
    [InlineData("10m", 10 * 1024 * 1024)]
    public void SizeAcceptsBytesAndSuffixes(string text, long expected)
    {
        Assert.Equal(expected, Load("server", "message_size_limit", text).Config!.Server.MessageSizeLimit);
    }

    [Theory]
    [InlineData("10G")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("10 MB")]
    [InlineData("100")]
    public void SizeRefusesBadFormsAndOutOfRange(string text)
    {
        SingleValueError("server", "message_size_limit", text);
    }

    [Theory]
    [InlineData("300", 300)]
    [InlineData("300s", 300)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    public void DurationAcceptsSecondsAndUnits(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Load("server", "command_timeout", text).Config!.Server.CommandTimeout);
    }

    [Fact]
    public void DurationAcceptsDays()
    {
        Assert.Equal(TimeSpan.FromDays(5), Load("queue", "max_lifetime", "5d").Config!.Queue.MaxLifetime);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("m")]
    [InlineData("1.5h")]
    [InlineData("2d")]
    public void DurationRefusesBadFormsAndOutOfRange(string text)
    {
        SingleValueError("server", "command_timeout", text);
    }

    [Fact]
    public void CountRefusesBelowMinimum()
    {
        Assert.Contains("below the minimum", SingleValueError("server", "max_recipients", "0").Message);
    }

    [Theory]
    [InlineData("0.0.0.0:25", "0.0.0.0", 25)]
    [InlineData("127.0.0.1:2525", "127.0.0.1", 2525)]
    [InlineData("[::1]:2587", "::1", 2587)]
    [InlineData("*:2465", "::", 2465)]
    public void EndpointAcceptsAddressPortForms(string text, string address, int port)
    {
        IPEndPoint smtp = Load("listen", "smtp", text).Config!.Listen.Smtp!;
        Assert.Equal(IPAddress.Parse(address), smtp.Address);
        Assert.Equal(port, smtp.Port);
    }

    [Fact]
    public void EmptyEndpointTurnsTheListenerOff()
    {
        Assert.Null(Load("listen", "smtps", "").Config!.Listen.Smtps);
    }

    [Theory]
    [InlineData("25")]
    [InlineData("localhost:25")]
    [InlineData("::1:25")]
    [InlineData("0.0.0.0:70000")]
    [InlineData("0.0.0.0:")]
    public void EndpointRefusesBadForms(string text)
    {
        SingleValueError("listen", "smtp", text);
    }

    [Fact]
    public void NetworkListAcceptsCommasSpacesAndBareAddresses()
    {
        var networks = Load("server", "mynetworks", "127.0.0.0/8,::1/128  192.168.1.7, fd00::/8").Config!.Server.MyNetworks;
        Assert.Equal(
            [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("192.168.1.7/32"), IPNetwork.Parse("fd00::/8")],
            networks);
    }

    [Fact]
    public void NetworkWithHostBitsSetIsAnErrorSuggestingTheNetwork()
    {
        Assert.Contains("\"192.168.1.0/24\"", SingleValueError("server", "mynetworks", "192.168.1.1/24").Message);
    }

    [Theory]
    [InlineData("192.168.1.0/33")]
    [InlineData("lan")]
    [InlineData("300.1.1.1")]
    public void NetworkListRefusesNonNetworks(string text)
    {
        SingleValueError("server", "mynetworks", text);
    }

    [Fact]
    public void RestrictionsAreReadInOrder()
    {
        var restrictions = Load("relay", "restrictions", "reject_sender_login_mismatch permit_sasl_authenticated, reject_unauth_destination")
            .Config!.Relay.Restrictions;
        Assert.Equal(
            [RestrictionKind.RejectSenderLoginMismatch, RestrictionKind.PermitSaslAuthenticated, RestrictionKind.RejectUnauthDestination],
            restrictions);
    }

    [Fact]
    public void UnknownRestrictionWordSuggestsTheNearestOne()
    {
        ConfigDiagnostic error = SingleValueError("relay", "restrictions", "permit_mynetwork, reject_unauth_destination");
        Assert.Contains("did you mean \"permit_mynetworks\"", error.Message);
    }

    [Fact]
    public void MechanismsAreCaseInsensitiveAndKeepTheirOrder()
    {
        var mechanisms = Load("auth", "mechanisms", "scram-sha-256-plus SCRAM-SHA-1 plain").Config!.Auth.Mechanisms;
        Assert.Equal([SaslMechanismId.ScramSha256Plus, SaslMechanismId.ScramSha1, SaslMechanismId.Plain], mechanisms);
    }

    [Theory]
    [InlineData("SCRAM-SHA-265", "SCRAM-SHA-256")]
    [InlineData("PLAIN PLAIN", null)]
    [InlineData("GSSAPI", null)]
    public void MechanismsRefuseUnknownOrRepeatedWords(string text, string? suggestion)
    {
        ConfigDiagnostic error = SingleValueError("auth", "mechanisms", text);
        if (suggestion is not null)
        {
            Assert.Contains($"did you mean \"{suggestion}\"", error.Message);
        }
    }

    [Fact]
    public void SecurityOptionsCombineIntoFlags()
    {
        Assert.Equal(SaslSecurityOptions.NoAnonymous | SaslSecurityOptions.NoPlaintext,
            ParseAuth("mechanisms = SCRAM-SHA-256\nsecurity_options = noanonymous, noplaintext").SecurityOptions);
    }

    [Fact]
    public void SecurityOptionsRefuseUnknownWords()
    {
        SingleValueError("auth", "security_options", "noactive");
    }

    [Theory]
    [InlineData("none", TlsSecurityLevel.None)]
    [InlineData("may", TlsSecurityLevel.May)]
    [InlineData("encrypt", TlsSecurityLevel.Encrypt)]
    [InlineData("verify", TlsSecurityLevel.Verify)]
    [InlineData("Secure", TlsSecurityLevel.Secure)]
    public void TlsSecurityLevelAcceptsPostfixLevels(string text, TlsSecurityLevel expected)
    {
        var result = ConfigLoader.Parse($"[relay]\nrelayhost = [smtp.example.net]:587\ntls_security_level = {text}\n", "/etc/relaybox/relaybox.ini");
        Assert.Equal(expected, result.Config!.Relay.TlsSecurityLevel);
    }

    [Fact]
    public void TlsSecurityLevelRefusesUnknownLevel()
    {
        Assert.Contains("did you mean \"secure\"", SingleValueError("relay", "tls_security_level", "secur").Message);
    }

    [Theory]
    [InlineData("[smtp.example.net]:587", "smtp.example.net", 587, false)]
    [InlineData("[smtp.example.net]", "smtp.example.net", 25, false)]
    [InlineData("example.net:2525", "example.net", 2525, true)]
    [InlineData("example.net", "example.net", 25, true)]
    [InlineData("[192.168.1.5]:25", "192.168.1.5", 25, false)]
    [InlineData("[ipv6:2001:db8::1]:587", "2001:db8::1", 587, false)]
    public void RelayHostAcceptsPostfixForms(string text, string host, int port, bool lookUpMx)
    {
        Assert.Equal(new RelayHostAddress(host, port, lookUpMx), Load("relay", "relayhost", text).Config!.Relay.RelayHost);
    }

    [Theory]
    [InlineData("[smtp.example.net")]
    [InlineData("smtp example net")]
    [InlineData("192.168.1.5:25")]
    [InlineData("[smtp.example.net]:x")]
    [InlineData("[smtp.example.net]587")]
    public void RelayHostRefusesBadForms(string text)
    {
        SingleValueError("relay", "relayhost", text);
    }

    [Fact]
    public void FingerprintsAreNormalisedToLowercaseHex()
    {
        string colons = string.Join(":", Enumerable.Repeat("AB", 32));
        var result = ConfigLoader.Parse(
            $"[relay]\nrelayhost = [smtp.example.net]:587\ntls_fingerprint = {colons}\n", "/etc/relaybox/relaybox.ini");
        Assert.Equal([string.Concat(Enumerable.Repeat("ab", 32))], result.Config!.Relay.TlsFingerprints);
    }

    [Fact]
    public void FingerprintOfTheWrongLengthIsRefused()
    {
        SingleValueError("relay", "tls_fingerprint", "abcdef");
    }

    [Theory]
    [InlineData("1.0", TlsVersion.Tls10)]
    [InlineData("1.1", TlsVersion.Tls11)]
    [InlineData("1.2", TlsVersion.Tls12)]
    public void LegacyTlsMinVersionAcceptsVersions(string text, TlsVersion expected)
    {
        Assert.Equal(expected, Load("legacy", "tls_min_version", text).Config!.Legacy.TlsMinVersion);
    }

    [Fact]
    public void LegacyTlsMinVersionRefusesSslv3()
    {
        SingleValueError("legacy", "tls_min_version", "ssl3");
    }

    [Fact]
    public void AdminMustBeAQualifiedAddress()
    {
        Assert.Equal("you@example.net", Load("rewrite", "admin", "you@example.net").Config!.Rewrite.Admin);
        SingleValueError("rewrite", "admin", "root");
    }

    [Fact]
    public void HostnameMustBeAHostName()
    {
        SingleValueError("server", "hostname", "relay_box!");
    }

    [Fact]
    public void DataDirMustBeAbsolute()
    {
        SingleValueError("server", "data_dir", "var/lib/relaybox");
    }

    [Fact]
    public void LogLevelAcceptsItsWords()
    {
        Assert.Equal(RelayboxLogLevel.Debug, Load("server", "log_level", "debug").Config!.Server.LogLevel);
        SingleValueError("server", "log_level", "verbose");
    }

    [Fact]
    public void GpioLineRefusesSpaces()
    {
        SingleValueError("gpio", "led_status", "GPIO 17");
    }

    private static AuthSection ParseAuth(string body) =>
        ConfigLoader.Parse("[auth]\n" + body + "\n", "/etc/relaybox/relaybox.ini").Config!.Auth;
}
