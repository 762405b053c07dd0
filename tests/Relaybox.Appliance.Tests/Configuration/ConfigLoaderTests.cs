using System.Net;
using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Smtp.Relay;

namespace Relaybox.Appliance.Tests.Configuration;

public class ConfigLoaderTests
{
    private const string File = "/etc/relaybox/relaybox.ini";

    [Fact]
    public void DesignExampleParsesWithoutErrors()
    {
        ConfigLoadResult result = ConfigLoader.Parse(ConfigTestFiles.DesignExample(), File);
        Assert.Empty(result.Errors);
        RelayboxConfig config = result.Config!;
        Assert.Equal("relay.home.arpa", config.Server.Hostname);
        Assert.Equal([IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("192.168.0.0/23")], config.Server.MyNetworks);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 587), config.Listen.Submission);
        Assert.Equal(new RelayHostAddress("smtp.example.net", 587, LookUpMx: false), config.Relay.RelayHost);
        Assert.Equal(TlsSecurityLevel.Secure, config.Relay.TlsSecurityLevel);
        Assert.Equal("/etc/relaybox/relayhost.secret", config.Relay.SaslPasswordFile);
        Assert.Null(config.Relay.TlsCaFile);
        Assert.Equal("you@example.net", config.Rewrite.Admin);
        Assert.Equal(new GpioSection(null, "GPIO17", "GPIO27", "GPIO22", "GPIO23", false, true), config.Gpio);
        Assert.Equal([SaslMechanismId.ScramSha256, SaslMechanismId.Plain, SaslMechanismId.Login, SaslMechanismId.CramMd5], config.Auth.Mechanisms);
    }

    [Fact]
    public void DesignExampleWarnsAboutCramMd5Secrets()
    {
        string text = ConfigTestFiles.DesignExample();
        int mechanismsLine = text.Split('\n').ToList().FindIndex(l => l.StartsWith("mechanisms", StringComparison.Ordinal)) + 1;
        ConfigLoadResult result = ConfigLoader.Parse(text, File);
        ConfigDiagnostic warning = Assert.Single(result.Warnings, w => w.Message.Contains("plaintext-equivalent"));
        Assert.Equal(mechanismsLine, warning.Line);
    }

    [Fact]
    public void DemoConfigParsesWithoutErrorsOnLoopbackHighPorts()
    {
        ConfigLoadResult result = ConfigLoader.Parse(DemoConfig.Text("/tmp/relaybox demo; odd"), DemoConfig.FileName);
        ConfigDiagnostic only = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Note, only.Severity);
        Assert.Contains("delivery is off", only.Message);
        RelayboxConfig config = result.Config!;
        Assert.Equal("/tmp/relaybox demo; odd", config.Server.DataDir);
        Assert.Equal("relaybox.demo", config.Server.Hostname);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2525), config.Listen.Smtp);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2587), config.Listen.Submission);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2465), config.Listen.Smtps);
        Assert.All(config.Server.MyNetworks, n => Assert.True(IPAddress.IsLoopback(n.BaseAddress)));
    }

    [Theory]
    [InlineData("/tmp/elsewhere", "/tmp/elsewhere")]
    [InlineData("", DemoConfig.DefaultDataDir)]
    [InlineData(null, DemoConfig.DefaultDataDir)]
    public void DemoDataDirComesFromTheEnvironmentVariableWhenSet(string? variable, string expected)
    {
        // Pure function of the variable's value: tests never change the process environment other tests read.
        string dataDir = DemoConfig.DataDirFrom(variable);
        Assert.Equal(expected, dataDir);
        Assert.Equal(expected, ConfigLoader.Parse(DemoConfig.Text(dataDir), DemoConfig.FileName).Config!.Server.DataDir);
    }

    [Fact]
    public void EveryDefaultInTheSchemaParses()
    {
        // An empty file binds every key from its default; a default that did not parse would throw here.
        ConfigLoadResult result = ConfigLoader.Parse("", File);
        Assert.Empty(result.Errors);
        Assert.NotNull(result.Config);
    }

    [Fact]
    public void DefaultsComeOutWhenKeysAreAbsent()
    {
        RelayboxConfig config = ConfigLoader.Parse("[server]\nhostname = relay.example\n", File).Config!;
        Assert.Equal("/var/lib/relaybox", config.Server.DataDir);
        Assert.Equal(long.Parse(ConfigSchema.MessageSizeLimit.Default), config.Server.MessageSizeLimit);
        Assert.Equal(int.Parse(ConfigSchema.MaxRecipients.Default), config.Server.MaxRecipients);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Server.CommandTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Server.DataTimeout);
        Assert.Equal(10, config.Server.MaxErrors);
        Assert.Equal(2048, config.Server.LineLengthLimit);
        Assert.Equal(RelayboxLogLevel.Info, config.Server.LogLevel);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 25), config.Listen.Smtp);
        Assert.Equal("/var/lib/relaybox/tls/cert.pem", config.Tls.CertFile);
        Assert.Equal("/var/lib/relaybox/tls/key.pem", config.Tls.KeyFile);
        Assert.False(config.Tls.CertExplicit);
        Assert.True(config.Tls.AuthOnly);
        Assert.Equal("/var/lib/relaybox/users", config.Auth.UsersFile);
        Assert.Equal(
            [RestrictionKind.PermitMynetworks, RestrictionKind.PermitSaslAuthenticated, RestrictionKind.RejectUnauthDestination],
            config.Relay.Restrictions);
        Assert.Null(config.Relay.RelayHost);
        Assert.Equal(TlsSecurityLevel.May, config.Relay.TlsSecurityLevel);
        Assert.Equal(200, config.Relay.SenderQuota);
        Assert.Empty(config.Legacy.Clients);
        Assert.False(config.Legacy.AllowPlaintextAuth);
        Assert.Null(config.Gpio);
        Assert.Equal(TimeSpan.FromDays(5), config.Queue.MaxLifetime);
    }

    [Fact]
    public void RelativeTlsAndUserPathsResolveAgainstDataDir()
    {
        RelayboxConfig config = ConfigLoader.Parse(
            "[server]\ndata_dir = /srv/rb\n[tls]\ncert = own/c.pem\nkey = /abs/k.pem\n[auth]\nusers_file = people\n", File).Config!;
        Assert.Equal("/srv/rb/own/c.pem", config.Tls.CertFile);
        Assert.Equal("/abs/k.pem", config.Tls.KeyFile);
        Assert.Equal("/srv/rb/people", config.Auth.UsersFile);
        Assert.True(config.Tls.CertExplicit);
    }

    [Fact]
    public void RelativeRelayFilesResolveAgainstTheConfigDirectory()
    {
        RelayboxConfig config = ConfigLoader.Parse(
            "[relay]\nrelayhost = [smtp.example.net]:587\nsasl_password_file = relayhost.secret\ntls_ca_file = ca.pem\n", File).Config!;
        Assert.Equal("/etc/relaybox/relayhost.secret", config.Relay.SaslPasswordFile);
        Assert.Equal("/etc/relaybox/ca.pem", config.Relay.TlsCaFile);
    }

    [Fact]
    public void TlsSecurityLevelDefaultsToSecureWithARelayhost()
    {
        Assert.Equal(TlsSecurityLevel.Secure,
            ConfigLoader.Parse("[relay]\nrelayhost = [smtp.example.net]:587\n", File).Config!.Relay.TlsSecurityLevel);
    }

    [Fact]
    public void GpioSectionPresentButEmptyUsesTheDefaultLines()
    {
        GpioSection gpio = ConfigLoader.Parse("[gpio]\n", File).Config!.Gpio!;
        Assert.Equal("GPIO17", gpio.LedStatus);
        Assert.True(gpio.ButtonActiveLow);
    }

    [Fact]
    public void EveryErrorIsReportedInOneRunWithItsLine()
    {
        ConfigLoadResult result = ConfigLoader.Parse(
            "[server]\nmax_recipients = many\nmessage_size_limit = huge\n[tls]\nauth_only = perhaps\n", File);
        Assert.Equal([2, 3, 5], result.Errors.Select(e => e.Line));
        Assert.Null(result.Config);
    }

    [Fact]
    public void DiagnosticsAreOrderedByLine()
    {
        ConfigLoadResult result = ConfigLoader.Parse("[tls]\nauth_only = no\n[server]\nbogus = 1\nmax_errors = x\n", File);
        var lines = result.Diagnostics.Where(d => d.Line > 0).Select(d => d.Line).ToArray();
        Assert.Equal(lines.Order(), lines);
    }

    [Fact]
    public void UnreadableFileIsOneErrorNamingIt()
    {
        ConfigLoadResult result = ConfigLoader.Load("/nonexistent/relaybox.ini");
        ConfigDiagnostic error = Assert.Single(result.Diagnostics);
        Assert.True(error.IsError);
        Assert.StartsWith("/nonexistent/relaybox.ini: error: cannot be read", error.ToString());
    }
}
