using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Commands;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>How the delivery keys reach the user: the demo, config check's summary, the Postfix names that lead to them.</summary>
public class DeliveryKeyDocumentationTests
{
    [Fact]
    public void DemoKeepsMailInTheQueueAndItsHeaderSaysSo()
    {
        string text = DemoConfig.Text("/tmp/relaybox-demo");
        Assert.StartsWith("; relaybox demo configuration:", text);
        string header = string.Join(" ", text.Split('\n').TakeWhile(l => l.StartsWith(';')));
        Assert.Contains("nothing leaves this machine: delivery is off in the demo; accepted mail stays in the queue (relaybox queue list)", header);
        Assert.False(ConfigLoader.Parse(text, DemoConfig.FileName).Config!.Queue.Deliver);
    }

    [Fact]
    public void CheckPrintsTheDeliveryNoteButCountsNoWarning()
    {
        using var files = new ConfigTestFiles();
        string path = files.Write("relaybox.ini", "[rewrite]\nadmin = a@example.net\n[queue]\ndeliver = no\n");
        var output = new StringWriter();
        Assert.Equal(ConfigCheck.ExitOk, ConfigCheck.Run(path, output));
        Assert.Equal($"{path}:4: note: delivery is off (deliver = no): accepted mail stays in the queue (relaybox queue list) and nothing is sent\n{path}: OK\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void NoTwoKeysClaimOnePostfixParameter()
    {
        string[] names = ConfigSchema.Keys.Where(k => k.PostfixName is not null).Select(k => k.PostfixName!).ToArray();
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("relay", "smtp_fallback_relay", "did you mean \"fallback_relay\"? (Postfix smtp_fallback_relay)")]
    [InlineData("queue", "delay_warning_time", "did you mean \"delay_warning\"? (Postfix delay_warning_time)")]
    [InlineData("queue", "default_destination_concurrency_limit", "did you mean \"destination_concurrency\"?")]
    [InlineData("queue", "smtp_destination_concurrency_limit", "did you mean \"destination_concurrency\"?")]
    [InlineData("queue", "defer_transports", "did you mean \"deliver\"?")]
    [InlineData("server", "mydestination", "did you mean \"local_domains\" in [rewrite]?")]
    [InlineData("rewrite", "sender_canonical_maps", "did you mean \"sender_map\"?")]
    [InlineData("rewrite", "smtp_generic_maps", "did you mean \"sender_map\"?")]
    [InlineData("relay", "dns_server", "did you mean \"dns_servers\"?")]
    public void PostfixNamesAndTyposLeadToTheDeliveryKeys(string section, string key, string suggestion)
    {
        ConfigDiagnostic error = Assert.Single(ConfigLoader.Parse($"[{section}]\n{key} = x\n", "relaybox.ini").Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains(suggestion, error.Message);
    }

    [Fact]
    public void SetTurnsDeliveryOffAndTheNewFileSaysSo()
    {
        using var files = new ConfigTestFiles();
        string path = files.Write("relaybox.ini", "[rewrite]\nadmin = a@example.net\n\n[queue]\nmax_lifetime = 5d\n");
        var output = new StringWriter();
        Assert.Equal(0, new ConfigSet(new SafeFile(new RecordingFileSystem())).Execute(path, "queue.deliver", "no", output));
        Assert.Equal("[rewrite]\nadmin = a@example.net\n\n[queue]\nmax_lifetime = 5d\ndeliver = no\n", File.ReadAllText(path));
        Assert.False(ConfigLoader.Load(path).Config!.Queue.Deliver);
    }

    [Fact]
    public void SetRefusesABadSenderMapPairAndLeavesTheFile()
    {
        using var files = new ConfigTestFiles();
        const string text = "[rewrite]\nadmin = a@example.net\n";
        string path = files.Write("relaybox.ini", text);
        var output = new StringWriter();
        Assert.Equal(1, new ConfigSet(new SafeFile(new RecordingFileSystem())).Execute(path, "rewrite.sender_map", "@lan=me", output));
        Assert.Contains("\"@lan=me\": \"me\" is not a mail address with a domain", output.ToString());
        Assert.Equal(text, File.ReadAllText(path));
    }
}
