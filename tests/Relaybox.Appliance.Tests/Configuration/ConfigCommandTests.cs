using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Commands;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Configuration;

public sealed class ConfigCommandTests : IDisposable
{
    private const string Commented = """
        # relaybox on the hall shelf
        [server]
        hostname = relay.home.arpa            ; banner, Received
        mynetworks = 127.0.0.0/8, ::1/128

        [tls]
        ; keep AUTH behind TLS
        auth_only = yes                       ; smtpd_tls_auth_only

        [rewrite]
        admin = me@example.net

        """;

    private readonly ConfigTestFiles files = new();

    private readonly RecordingFileSystem fileSystem = new();

    private int Set(string path, string key, string value, TextWriter output) =>
        new ConfigSet(new SafeFile(fileSystem)).Execute(path, key, value, output);

    private int Set(string path, string key, string value) => Set(path, key, value, new StringWriter());

    public void Dispose() => files.Dispose();

    [Fact]
    public void CheckOfAValidFileExitsZeroAndSaysOk()
    {
        string path = files.Write("relaybox.ini", Commented);
        var output = new StringWriter();
        Assert.Equal(0, ConfigCheck.Run(path, output));
        Assert.Equal($"{path}: OK\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void CheckWithOnlyWarningsExitsZeroAndCountsThem()
    {
        string path = files.Write("relaybox.ini", Commented.Replace("auth_only = yes", "auth_only = no"));
        var output = new StringWriter();
        Assert.Equal(0, ConfigCheck.Run(path, output));
        Assert.Contains($"{path}:8: warning: auth_only = no", output.ToString());
        Assert.EndsWith($"{path}: OK (1 warning)\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void CheckWithErrorsExitsOneAndPrintsFileLineErrors()
    {
        string path = files.Write("relaybox.ini", Commented + "[auth]\nsmtp_sasl_auth_enable = yes\nmechanisms = PLAIN, BOGUS\n");
        var output = new StringWriter();
        Assert.Equal(1, ConfigCheck.Run(path, output));
        string text = output.ToString();
        int authLine = Commented.Count(c => c == '\n') + 1;
        Assert.Contains($"{path}:{authLine + 1}: error: unknown key \"smtp_sasl_auth_enable\" in [auth]; did you mean", text);
        Assert.Contains($"{path}:{authLine + 2}: error: mechanisms in [auth]: unknown word \"BOGUS\"", text);
        Assert.EndsWith($"{path}: 2 errors, 0 warnings\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void CheckOfAMissingFileExitsOne()
    {
        var output = new StringWriter();
        Assert.Equal(1, ConfigCheck.Run(Path.Combine(files.Directory, "absent.ini"), output));
        Assert.Contains("cannot be read", output.ToString());
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite, false)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, true)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherRead, true)]
    public void CheckWarnsAboutAPasswordFileOthersCanRead(UnixFileMode mode, bool warned)
    {
        string secret = files.Write("relayhost.secret", "login hunter2-password\n", mode);
        string path = files.Write("relaybox.ini", Commented + $"[relay]\nrelayhost = [smtp.example.net]:587\nsasl_password_file = {secret}\n");
        var output = new StringWriter();
        Assert.Equal(0, ConfigCheck.Run(path, output));
        Assert.Equal(warned, output.ToString().Contains("chmod 600"));
        Assert.DoesNotContain("hunter2", output.ToString());
    }

    [Fact]
    public void CheckWarnsAboutMissingReferencedFiles()
    {
        string path = files.Write("relaybox.ini", Commented
            + "[relay]\nrelayhost = [smtp.example.net]:587\nsasl_password_file = absent.secret\ntls_ca_file = absent-ca.pem\n");
        var output = new StringWriter();
        Assert.Equal(0, ConfigCheck.Run(path, output));
        Assert.Contains(Path.Combine(files.Directory, "absent.secret") + " does not exist", output.ToString());
        Assert.Contains(Path.Combine(files.Directory, "absent-ca.pem") + " does not exist", output.ToString());
    }

    [Fact]
    public void ShowListsOnlyValuesThatDifferFromTheDefaults()
    {
        // mynetworks and auth_only are written out but equal the defaults (in another spelling for mynetworks).
        string path = files.Write("relaybox.ini", Commented.Replace("127.0.0.0/8, ::1/128", "127.0.0.0/8 ::1") + "[relay]\nsasl_password_file = secret\n");
        File.WriteAllText(Path.Combine(files.Directory, "secret"), "login hunter2-password\n");
        var output = new StringWriter();
        Assert.Equal(0, ConfigShow.Run(path, output));
        Assert.Equal(
            "server.hostname = relay.home.arpa\nrelay.sasl_password_file = secret\nrewrite.admin = me@example.net\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ShowTreatsAPathSpelledOutUnderDataDirAsTheDefault()
    {
        string path = files.Write("relaybox.ini", Commented.Replace("auth_only = yes", "auth_only = yes\ncert = /var/lib/relaybox/tls/cert.pem\nkey = /srv/key.pem")
            + "[auth]\nusers_file = /var/lib/relaybox/users\n");
        var output = new StringWriter();
        Assert.Equal(0, ConfigShow.Run(path, output));
        Assert.DoesNotContain("auth.users_file", output.ToString());
        Assert.DoesNotContain("tls.cert", output.ToString());
        Assert.Contains("tls.key = /srv/key.pem", output.ToString());
    }

    [Fact]
    public void ShowNeverPrintsTheRelayhostPassword()
    {
        string secretFile = Path.Combine(files.Directory, "relayhost.secret");
        File.WriteAllText(secretFile, "login hunter2-password\n");
        string path = files.Write("relaybox.ini", Commented + $"[relay]\nrelayhost = [smtp.example.net]:587\nsasl_password_file = {secretFile}\n");
        var output = new StringWriter();
        ConfigShow.Run(path, output);
        Assert.Contains("relay.sasl_password_file", output.ToString());
        Assert.DoesNotContain("hunter2", output.ToString());
    }

    [Fact]
    public void ShowMentionsAGpioSectionEvenWhenAllItsKeysAreDefault()
    {
        string path = files.Write("relaybox.ini", Commented + "[gpio]\nled_status = GPIO17\n");
        var output = new StringWriter();
        ConfigShow.Run(path, output);
        Assert.DoesNotContain("gpio.led_status", output.ToString());
        Assert.Contains("[gpio] is present", output.ToString());
    }

    [Fact]
    public void ShowOfAnInvalidFilePrintsTheErrorsAndExitsOne()
    {
        string path = files.Write("relaybox.ini", "[server]\nmax_errors = lots\n");
        var output = new StringWriter();
        Assert.Equal(1, ConfigShow.Run(path, output));
        Assert.Contains($"{path}:2: error:", output.ToString());
    }

    [Fact]
    public void SetChangesTheValueKeepsCommentsAndMakesABackup()
    {
        string path = files.Write("relaybox.ini", Commented);
        var output = new StringWriter();
        Assert.Equal(0, Set(path, "server.hostname", "mx.home.arpa", output));

        string changed = File.ReadAllText(path);
        Assert.Equal(Commented.Replace("hostname = relay.home.arpa            ;", "hostname = mx.home.arpa               ;"), changed);
        Assert.Equal(Commented, File.ReadAllText(path + ".bak"));
        Assert.Equal("mx.home.arpa", ConfigLoader.Load(path).Config!.Server.Hostname);
    }

    [Fact]
    public void SetAddsAnAbsentKeyAfterTheLastKeyOfItsSection()
    {
        string path = files.Write("relaybox.ini", Commented);
        Assert.Equal(0, Set(path, "server.max_errors", "5"));
        string changed = File.ReadAllText(path);
        Assert.Contains("mynetworks = 127.0.0.0/8, ::1/128\nmax_errors = 5\n\n[tls]", changed);
        Assert.Equal(5, ConfigLoader.Load(path).Config!.Server.MaxErrors);
    }

    [Fact]
    public void SetOfCertAloneIsRefusedBecauseTheResultWouldLackKey()
    {
        string path = files.Write("relaybox.ini", Commented);
        var output = new StringWriter();
        Assert.Equal(1, Set(path, "tls.cert", "/etc/ssl/relay.pem", output));
        Assert.Contains("cert is set without key", output.ToString());
        Assert.Equal(Commented, File.ReadAllText(path));
    }

    [Fact]
    public void SetFsyncsTheDirectoryOfTheFile()
    {
        string path = files.Write("relaybox.ini", Commented);
        Assert.Equal(0, Set(path, "tls.auth_only", "no"));
        Assert.Contains(files.Directory, fileSystem.FlushedDirectories);
    }

    [Fact]
    public void FailedWriteLeavesTheOldFileAndNoTemporaryFiles()
    {
        string path = files.Write("relaybox.ini", Commented);
        fileSystem.FailRenames = true;
        Assert.Throws<IOException>(() => Set(path, "tls.auth_only", "no"));
        Assert.Equal(Commented, File.ReadAllText(path));
        Assert.DoesNotContain(Directory.GetFiles(files.Directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void SetKeepsTheFilesMode()
    {
        UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        string path = files.Write("relaybox.ini", Commented, mode);
        Assert.Equal(0, Set(path, "tls.auth_only", "no"));
        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(mode, File.GetUnixFileMode(path + ".bak"));
    }

    [Fact]
    public void SetCreatesAMissingFileWithMode0640()
    {
        string path = Path.Combine(files.Directory, "new.ini");
        Assert.Equal(0, Set(path, "rewrite.admin", "me@example.net"));
        Assert.Equal("\n[rewrite]\nadmin = me@example.net\n".TrimStart('\n'), File.ReadAllText(path));
        Assert.Equal(ConfigSet.NewFileMode, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".bak"));
    }

    [Theory]
    [InlineData("server.message_size_limit", "lots", "is not a size")]
    [InlineData("server.mynetworks", "0.0.0.0/0", "open relay")]
    [InlineData("listen.smtp", "nowhere", "has no port")]
    [InlineData("listen.smtp", "localhost:25", "not an IP address")]
    [InlineData("auth.mechanisms", "two\nlines", "cannot span lines")]
    public void SetRefusesAnInvalidValueAndLeavesTheFileUntouched(string key, string value, string reason)
    {
        string path = files.Write("relaybox.ini", Commented);
        var output = new StringWriter();
        Assert.Equal(1, Set(path, key, value, output));
        Assert.Contains(reason, output.ToString());
        Assert.Equal(Commented, File.ReadAllText(path));
        Assert.False(File.Exists(path + ".bak"));
    }

    [Theory]
    [InlineData("auth.smtp_sasl_auth_enable", "did you mean \"sasl_password_file\" in [relay]?")]
    [InlineData("relya.relayhost", "did you mean [relay]?")]
    [InlineData("relayhost", "not of the form section.key")]
    public void SetRefusesAnUnknownKeyWithASuggestion(string key, string hint)
    {
        string path = files.Write("relaybox.ini", Commented);
        var output = new StringWriter();
        Assert.Equal(1, Set(path, key, "yes", output));
        Assert.Contains(hint, output.ToString());
        Assert.Equal(Commented, File.ReadAllText(path));
    }

    [Fact]
    public void UnsetRemovesTheLineSoTheDefaultApplies()
    {
        string path = files.Write("relaybox.ini", Commented.Replace("auth_only = yes", "auth_only = no"));
        var output = new StringWriter();
        Assert.Equal(0, new ConfigSet(new SafeFile(fileSystem)).Execute(path, "tls.auth_only", null, output));
        Assert.DoesNotContain("auth_only", File.ReadAllText(path));
        Assert.Contains("; keep AUTH behind TLS", File.ReadAllText(path));
        Assert.True(ConfigLoader.Load(path).Config!.Tls.AuthOnly);
        Assert.Contains("default: yes", output.ToString());
    }

    [Fact]
    public void UnsetOfAnAbsentKeyChangesNothing()
    {
        string path = files.Write("relaybox.ini", Commented);
        Assert.Equal(0, new ConfigSet(new SafeFile(fileSystem)).Execute(path, "server.max_errors", null, new StringWriter()));
        Assert.False(File.Exists(path + ".bak"));
        Assert.Equal(Commented, File.ReadAllText(path));
    }

    [Fact]
    public void BackupIsByteIdenticalIncludingAByteOrderMark()
    {
        string path = Path.Combine(files.Directory, "relaybox.ini");
        byte[] original = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Commented.Replace("\n", "\r\n"))];
        File.WriteAllBytes(path, original);
        Assert.Equal(0, Set(path, "tls.auth_only", "no"));
        Assert.Equal(original, File.ReadAllBytes(path + ".bak"));
        byte[] changed = File.ReadAllBytes(path);
        Assert.Equal(original.Take(3), changed.Take(3));
        Assert.Contains("auth_only = no                        ; smtpd_tls_auth_only\r\n", System.Text.Encoding.UTF8.GetString(changed));
    }

    [Fact]
    public void SetRefusesWhileAnotherErrorRemainsInTheFile()
    {
        string broken = Commented + "[auth]\nmechanisms = BOGUS\n";
        string path = files.Write("relaybox.ini", broken);
        var output = new StringWriter();
        Assert.Equal(1, Set(path, "server.hostname", "mx.home.arpa", output));
        Assert.Contains("not changed", output.ToString());
        Assert.Equal(broken, File.ReadAllText(path));
    }
}
