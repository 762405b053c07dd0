using System.Text;
using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Hosting;
using Relaybox.Smtp.Auth;

namespace Relaybox.Appliance.Tests.Console;

/// <summary>The console's menu driven with typed keys on a box whose daemon is not running (changes go to the files).</summary>
public sealed class ConsoleMenuTests : IDisposable
{
    // The first question on a factory box is whether to start the guided setup; these tests answer no.
    private const string SkipSetup = "n\r";

    private readonly ConsoleBox box = new();

    public void Dispose() => box.Dispose();

    [Fact]
    public async Task AUserAddedInTheMenuIsStoredAsAVerifierThatTakesItsPassword()
    {
        string screen = await box.RunAsync(SkipSetup + ConsoleBox.Lines("2", "2", "bad name!", "alice", "alice-password", "alice-password", "1", "q", "q"));

        var users = UserDatabase.Load(box.UsersFile);
        Assert.Equal(SaslFailureReason.None, users.VerifyPassword("alice", Encoding.UTF8.GetBytes("alice-password")));
        Assert.Contains("1 users:", screen);
        Assert.DoesNotContain("alice-password", screen + File.ReadAllText(box.UsersFile));
    }

    [Fact]
    public async Task AWrongMenuChoiceIsNamedAndCtrlCInADialogChangesNothing()
    {
        string before = box.ConfigText;

        string screen = await box.RunAsync(SkipSetup + ConsoleBox.Lines("99", "5") + "someone@exa\u0003" + ConsoleBox.Lines("q"));

        Assert.Contains("! type a number from 1 to 13, or q", screen);
        Assert.Contains("Back to the menu; nothing changed.", screen);
        Assert.Equal(before, box.ConfigText);
    }

    [Fact]
    public async Task ThePublicNetworkWarningInTheNetworksMenuKeepsTheOldValueWhenDeclined()
    {
        string before = box.ConfigText;

        // Trusted networks (4): a public network, declined; Ctrl-C at the repeated question leaves the dialog.
        string screen = await box.RunAsync(SkipSetup + ConsoleBox.Lines("4", "198.51.100.0/24", "n") + "\u0003" + ConsoleBox.Lines("q"));

        Assert.Contains("! 198.51.100.0/24 in mynetworks is not a loopback, private or link-local network", screen);
        Assert.Equal(2, screen.Split('\n').Count(l => l.StartsWith("Trusted networks [", StringComparison.Ordinal)));
        Assert.Equal(before, box.ConfigText);
    }

    [Fact]
    public async Task OnceAnAdminPasswordIsSetAChangeNeedsIt()
    {
        await box.RunAsync(SkipSetup + ConsoleBox.Lines("12", "1", "console-pass-1", "console-pass-1", "q"));
        string passwordFile = ConsoleAdminPassword.PathIn(box.DataDir);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        Assert.DoesNotContain("console-pass-1", File.ReadAllText(passwordFile));

        string screen = await box.RunAsync(SkipSetup + ConsoleBox.Lines("5", "not it", "5", "console-pass-1", "owner@example.net", "y", "q"));

        Assert.Contains("! wrong password; nothing changed", screen);
        Assert.Equal("owner@example.net", ConfigLoader.Load(box.ConfigFile).Config!.Rewrite.Admin);
        Assert.Equal(1, screen.Split('\n').Count(l => l.StartsWith("Admin address", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task APastedCertificateAndKeyAreInstalledWhenTheyMatch()
    {
        var (certificate, key) = ServerCertificate.CreateSelfSigned("pasted.example", TimeProvider.System);
        var config = ConfigLoader.Load(box.ConfigFile).Config!;

        string screen = await box.RunAsync(SkipSetup + ConsoleBox.Lines("6", "3") + Pasted(certificate) + Pasted(key) + ConsoleBox.Lines("q", "q"));

        Assert.Equal(certificate.Trim(), File.ReadAllText(config.Tls.CertFile).Trim());
        Assert.Contains("CN=pasted.example", screen);
        Assert.Contains("relaybox is not running", screen);
    }

    [Fact]
    public async Task AFactoryResetNeedsTheWordAndRemovesUsersAndTheConsolePassword()
    {
        await box.RunAsync(SkipSetup + ConsoleBox.Lines("2", "2", "alice", "alice-password", "alice-password", "q", "12", "1", "console-pass-1", "console-pass-1", "q"));
        Assert.NotNull(UserDatabase.Load(box.UsersFile).Find("alice"));

        string declined = await box.RunAsync(SkipSetup + ConsoleBox.Lines("13", "console-pass-1", "reset", "q"));
        Assert.Contains("Nothing changed.", declined);
        Assert.NotNull(UserDatabase.Load(box.UsersFile).Find("alice"));

        string screen = await box.RunAsync(SkipSetup + ConsoleBox.Lines("13", "console-pass-1", "RESET", "q"));

        Assert.Contains("factory reset complete", screen);
        Assert.Null(UserDatabase.Load(box.UsersFile).Find("alice"));
        Assert.False(File.Exists(ConsoleAdminPassword.PathIn(box.DataDir)));
        Assert.False(ConfigLoader.Load(box.ConfigFile).Config!.Queue.Deliver);
    }

    private static string Pasted(string pem) => ConsoleBox.Lines([.. pem.Trim().Split('\n').Select(l => l.TrimEnd('\r')), ""]);
}
