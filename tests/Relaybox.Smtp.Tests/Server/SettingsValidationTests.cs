using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

public class SettingsValidationTests
{
    public static IEnumerable<object[]> BadSettings() =>
    [
        [TestServers.Settings() with { HostName = "" }],
        [TestServers.Settings() with { HostName = "relay host" }],
        [TestServers.Settings() with { HostName = "relais.exämple" }],
        [TestServers.Settings() with { Limits = new SmtpLimits { MaxCommandLineLength = 100 } }],
        [TestServers.Settings() with { Limits = new SmtpLimits { MaxAuthLineLength = 1000 } }],
        [TestServers.Settings() with { Limits = new SmtpLimits { MaxRecipients = 0 } }],
        [TestServers.Settings() with { Limits = new SmtpLimits { CommandTimeout = TimeSpan.Zero } }],
        [TestServers.Settings() with { MechanismFactory = null }],
    ];

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void UnusableSettingsAreRefusedAndTheOldOnesStay(SmtpServerSettings bad)
    {
        var good = TestServers.Settings();
        var server = TestServers.Create(good, new InMemorySpool());
        Assert.Throws<ArgumentException>(() => server.UpdateSettings(bad));
        Assert.Same(good, server.Settings);
        Assert.Throws<ArgumentException>(() => TestServers.Create(bad, new InMemorySpool()));
    }

    [Fact]
    public void DefaultTestSettingsAreAccepted()
    {
        var server = TestServers.Create(TestServers.Settings(), new InMemorySpool());
        var renamed = server.Settings with { HostName = "mail.home.arpa" };
        server.UpdateSettings(renamed);
        Assert.Same(renamed, server.Settings);
    }
}
