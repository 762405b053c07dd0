using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Console.Setup;
using Relaybox.Smtp.Auth;

namespace Relaybox.Appliance.Tests.Console;

/// <summary>The guided setup driven with typed keys, down to the files it writes (no daemon runs: nothing to reload).</summary>
public sealed class ConsoleFirstBootTests : IDisposable
{
    private static readonly string DirectDelivery = (SmarthostPresets.All.Count + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private readonly ConsoleBox box = new();

    public void Dispose() => box.Dispose();

    [Fact]
    public async Task TheGuidedSetupWritesAWorkingConfigAndTheFirstUser()
    {
        string screen = await box.RunAsync(ConsoleBox.Lines(
            "", "relay.test.example", DirectDelivery, "127.0.0.0/8, 192.168.7.0/24", "owner@example.net",
            "printer", "", "", "q"));

        var config = ConfigLoader.Load(box.ConfigFile).Config;
        Assert.NotNull(config);
        Assert.Equal("relay.test.example", config.Server.Hostname);
        Assert.Equal("owner@example.net", config.Rewrite.Admin);
        Assert.True(config.Queue.Deliver);
        Assert.Null(config.Relay.RelayHost);
        Assert.Contains(config.Server.MyNetworks, n => n.ToString() == "192.168.7.0/24");
        var users = UserDatabase.Load(box.UsersFile);
        Assert.NotNull(users.Find("printer"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(box.UsersFile));

        // The generated password is shown once, and it is the one stored.
        string shown = screen.Split('\n').Single(l => l.StartsWith("Password for printer: ", StringComparison.Ordinal))["Password for printer: ".Length..];
        Assert.Equal(SaslFailureReason.None, users.VerifyPassword("printer", System.Text.Encoding.UTF8.GetBytes(shown)));
        Assert.Contains("This box is not set up yet (delivery is off, as on a new box)", screen);
        Assert.Contains("relaybox is not running", screen);
        Assert.True(File.Exists(box.ConfigFile + ".bak"));
    }

    [Fact]
    public async Task WrongAnswersAreNamedAndAskedAgain()
    {
        string screen = await box.RunAsync(ConsoleBox.Lines(
            "", "bad_host name!", "relay.test.example", "99", DirectDelivery, "192.168.7.0/33", "127.0.0.0/8",
            "not-an-address", "owner@example.net", "bad user!", "none", "maybe", "y", "q"));

        Assert.Contains("! type a number from 1 to", screen);
        Assert.Contains("! answer y or n", screen);
        Assert.Equal(6, screen.Split('\n').Count(l => l.StartsWith("! ", StringComparison.Ordinal)));
        var config = ConfigLoader.Load(box.ConfigFile).Config!;
        Assert.Equal("relay.test.example", config.Server.Hostname);
        Assert.Equal("owner@example.net", config.Rewrite.Admin);
    }

    [Fact]
    public async Task APublicNetworkIsNamedAndTrustedOnlyWhenTheOperatorInsists()
    {
        // First answer: a public network, declined; then one public network kept on purpose (a VPS's own /32).
        string screen = await box.RunAsync(ConsoleBox.Lines(
            "", "relay.test.example", DirectDelivery, "127.0.0.0/8, 8.8.8.0/24", "", "127.0.0.0/8, 203.0.113.7/32", "y",
            "owner@example.net", "none", "", "q"));

        Assert.Contains("! 8.8.8.0/24 in mynetworks is not a loopback, private or link-local network: every host in it may relay without AUTH", screen);
        Assert.Contains("! 203.0.113.7/32 in mynetworks is not a loopback", screen);
        Assert.Equal(2, screen.Split('\n').Count(l => l.StartsWith("Keep it anyway? [y/N]", StringComparison.Ordinal)));
        var config = ConfigLoader.Load(box.ConfigFile).Config!;
        Assert.Equal(["127.0.0.0/8", "203.0.113.7/32"], config.Server.MyNetworks.Select(n => n.ToString()));
    }

    [Fact]
    public async Task AHostnameThatIsNotFullyQualifiedIsQuestionedOnce()
    {
        string screen = await box.RunAsync(ConsoleBox.Lines(
            "", "relaybox", "n", "relaybox.home.arpa", DirectDelivery, "127.0.0.0/8", "owner@example.net", "none", "", "q"));

        Assert.Contains("! hostname \"relaybox\" is not fully qualified", screen);
        Assert.Equal("relaybox.home.arpa", ConfigLoader.Load(box.ConfigFile).Config!.Server.Hostname);
    }

    [Fact]
    public async Task CtrlCInTheMiddleLeavesTheConfigAsItWas()
    {
        string before = box.ConfigText;

        string screen = await box.RunAsync(ConsoleBox.Lines("", "relay.test.example", DirectDelivery) + "\u0003" + ConsoleBox.Lines("q"));

        Assert.Contains("Setup left; nothing written", screen);
        Assert.Equal(before, box.ConfigText);
        Assert.False(File.Exists(box.UsersFile));
    }

    [Fact]
    public async Task ALineThatGoesDeadMidAnswerWritesNothing()
    {
        string before = box.ConfigText;

        // The last answer is half typed when the input ends: the cable pulled during an edit.
        string screen = await box.RunAsync(ConsoleBox.Lines("", "relay.test.example", DirectDelivery, "127.0.0.0/8", "owner@exa"));

        Assert.Contains("Admin address", screen);
        Assert.Equal(before, box.ConfigText);
        Assert.False(File.Exists(box.ConfigFile + ".bak"));
        Assert.False(File.Exists(box.UsersFile));
    }

    [Fact]
    public async Task DecliningTheSummaryWritesNothing()
    {
        string before = box.ConfigText;

        string screen = await box.RunAsync(ConsoleBox.Lines(
            "", "relay.test.example", DirectDelivery, "127.0.0.0/8", "owner@example.net", "none", "n", "q"));

        Assert.Contains("Nothing written.", screen);
        Assert.Equal(before, box.ConfigText);
    }
}
