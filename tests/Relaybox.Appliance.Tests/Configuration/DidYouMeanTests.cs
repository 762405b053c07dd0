using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Tests.Configuration;

public class DidYouMeanTests
{
    private static ConfigDiagnostic SingleError(string text)
    {
        ConfigDiagnostic error = Assert.Single(ConfigLoader.Parse(text, "relaybox.ini").Errors);
        return error;
    }

    [Fact]
    public void TutorialTypoSmtpSaslAuthEnableIsAnErrorWithASuggestion()
    {
        ConfigDiagnostic error = SingleError("[auth]\nmechanisms = PLAIN\nsmtp_sasl_auth_enable = yes\n");
        Assert.Equal(3, error.Line);
        Assert.StartsWith("relaybox.ini:3: error: unknown key \"smtp_sasl_auth_enable\" in [auth]; did you mean", error.ToString());
        Assert.Contains("\"sasl_password_file\" in [relay]", error.Message);
    }

    [Fact]
    public void ServerSideSaslEnableMapsToMechanisms()
    {
        Assert.Contains("did you mean \"mechanisms\"?", SingleError("[auth]\nsmtpd_sasl_auth_enable = yes\n").Message);
    }

    [Fact]
    public void MisspeltPostfixNameStillFindsItsKey()
    {
        Assert.Contains("\"mechanisms\"", SingleError("[auth]\nsmtpd_sasl_auth_enabel = yes\n").Message);
    }

    [Theory]
    [InlineData("tls", "smtpd_tls_auth_only", "did you mean \"auth_only\"? (Postfix smtpd_tls_auth_only)")]
    [InlineData("server", "smtpd_tls_auth_only", "did you mean \"auth_only\" in [tls]?")]
    [InlineData("server", "relayhost", "did you mean \"relayhost\" in [relay]?")]
    [InlineData("server", "myhostname", "did you mean \"hostname\"?")]
    [InlineData("relay", "smtp_tls_CAfile", "did you mean \"tls_ca_file\"?")]
    [InlineData("server", "hostnmae", "did you mean \"hostname\"?")]
    [InlineData("server", "mynetwork", "did you mean \"mynetworks\"?")]
    [InlineData("auth", "mechanism", "did you mean \"mechanisms\"?")]
    [InlineData("relay", "smtp_tls_auth_only", "did you mean \"auth_only\" in [tls]?")]
    public void UnknownKeyGetsTheKeyItProbablyMeant(string section, string key, string suggestion)
    {
        ConfigDiagnostic error = SingleError($"[{section}]\n{key} = yes\n");
        Assert.Contains($"unknown key \"{key}\" in [{section}]; {suggestion}", error.Message);
    }

    [Fact]
    public void KeyNothingLikeAnyKnownOneHasNoSuggestion()
    {
        ConfigDiagnostic error = SingleError("[server]\nfrobnicate_widgets = 1\n");
        Assert.DoesNotContain("did you mean", error.Message);
    }

    [Fact]
    public void UnknownSectionSuggestsTheNearestSection()
    {
        ConfigDiagnostic error = SingleError("[relya]\nrelayhost = [a.example]\n");
        Assert.Equal(1, error.Line);
        Assert.Contains("unknown section [relya]; did you mean [relay]?", error.Message);
    }

    [Fact]
    public void KeyWrittenAsASectionNamesItsSection()
    {
        Assert.Contains("\"mynetworks\" is a key in [server]", SingleError("[mynetworks]\n").Message);
    }

    [Fact]
    public void KeyOutsideAnySectionIsAnError()
    {
        ConfigDiagnostic error = SingleError("hostname = a.example\n[server]\n");
        Assert.Equal(1, error.Line);
        Assert.Contains("outside any section; did you mean \"hostname\" in [server]?", error.Message);
    }

    [Theory]
    [InlineData("hostname", "hostname", 0)]
    [InlineData("hostnmae", "hostname", 1)]
    [InlineData("HOSTNAME", "hostname", 0)]
    [InlineData("mynetwork", "mynetworks", 1)]
    [InlineData("abc", "xyz", 3)]
    public void EditDistanceCountsATranspositionAsOneEdit(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
    }
}
