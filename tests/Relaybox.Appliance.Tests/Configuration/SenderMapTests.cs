using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Values;
using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>[rewrite] sender_map: the pairs it accepts become a working <see cref="SenderRewriteMap"/>; a bad pair is named in the error.</summary>
public class SenderMapTests
{
    private const string File = "/etc/relaybox/relaybox.ini";

    private static ConfigLoadResult Load(string value) =>
        ConfigLoader.Parse($"[rewrite]\nadmin = a@example.net\nsender_map = {value}\n", File);

    private static SenderRewriteMap Map(string value)
    {
        ConfigLoadResult result = Load(value);
        Assert.Empty(result.Errors);
        return result.Config!.Rewrite.SenderMap;
    }

    private static ConfigDiagnostic Error(string value)
    {
        ConfigLoadResult result = Load(value);
        Assert.Null(result.Config);
        ConfigDiagnostic error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("sender_map in [rewrite]", error.Message);
        return error;
    }

    [Fact]
    public void ExactDomainAndCatchAllPairsAreLookedUpInThatOrder()
    {
        SenderRewriteMap map = Map("scanner@printer.lan=scans@example.net, @lan=devices@example.net *=me@example.net");
        Assert.Equal(3, map.Count);
        Assert.Equal("scans@example.net", map.Lookup("Scanner@Printer.LAN"));
        Assert.Equal("devices@example.net", map.Lookup("nas@lan"));
        Assert.Equal("me@example.net", map.Lookup("cron@pi.home.arpa"));
    }

    [Fact]
    public void BlanksAroundTheEqualsSignBelongToOnePair()
    {
        SenderRewriteMap map = Map("root = me@example.net ,  @printer.lan =scans@example.net");
        Assert.Equal("me@example.net", map.Lookup("root"));
        Assert.Equal("scans@example.net", map.Lookup("x@printer.lan"));
        Assert.Null(map.Lookup("x@elsewhere.example"));
    }

    [Fact]
    public void AnAddressLiteralDomainIsAKey()
    {
        Assert.Equal("me@example.net", Map("@[192.168.1.20]=me@example.net").Lookup("root@[192.168.1.20]"));
    }

    [Fact]
    public void EmptyMeansNoRewriting()
    {
        Assert.Same(SenderRewriteMap.Empty, Map(""));
    }

    [Theory]
    [InlineData("scanner@printer.lan", "\"scanner@printer.lan\" is not a from=to pair")]
    [InlineData("=me@example.net", "the sender before \"=\" is missing")]
    [InlineData("@=me@example.net", "\"@\" is not @ followed by a domain")]
    [InlineData("@bad_domain=me@example.net", "\"@bad_domain\" is not @ followed by a domain")]
    [InlineData("a@@b=me@example.net", "\"a@@b\" is not an address, @domain or *")]
    [InlineData("<root>=me@example.net", "\"<root>\" is not an address, @domain or *")]
    [InlineData("root=me", "\"root=me\": \"me\" is not a mail address with a domain")]
    [InlineData("root=", "\"root=\": \"\" is not a mail address with a domain")]
    [InlineData("root=<me@example.net>", "is not a mail address with a domain")]
    [InlineData("root=\"a b\"@example.net", "is not a mail address with a domain")]
    [InlineData("root=a@x.example, ROOT=b@x.example", "\"ROOT\" is mapped twice")]
    [InlineData("@lan=a@x.example @lan.=b@x.example", "\"@lan.\" is mapped twice")]
    public void ABadPairIsNamedInTheError(string value, string reason)
    {
        Assert.Contains(reason, Error(value).Message);
    }

    [Fact]
    public void MoreThanTheMapHoldsIsRefusedBeforeTheMapIsBuilt()
    {
        string pairs = string.Join(" ", Enumerable.Range(0, SenderRewriteMap.MaxEntries + 1).Select(i => $"d{i}@lan=me@example.net"));
        Assert.False(SenderMapValue.TryParse(pairs, out _, out string? problem));
        Assert.Contains($"at most {SenderRewriteMap.MaxEntries}", problem);
    }

    [Fact]
    public void ConfigShowTreatsAnEmptyMapAsTheDefault()
    {
        using var files = new ConfigTestFiles();
        string path = files.Write("relaybox.ini", "[rewrite]\nadmin = a@example.net\nsender_map =\nlocal_domains = lan\n");
        var output = new StringWriter();
        Assert.Equal(0, Relaybox.Appliance.Configuration.Commands.ConfigShow.Run(path, output));
        Assert.Equal("rewrite.admin = a@example.net\nrewrite.local_domains = lan\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
