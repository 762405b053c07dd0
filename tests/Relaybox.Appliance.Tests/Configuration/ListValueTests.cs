using System.Globalization;
using System.Net;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Values;
using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>
/// The list values' exact diagnostics and results, parser by parser: an operator reads these texts, and the
/// lists share one split-count-parse-refuse-repeats loop, so each message is pinned word for word here.
/// </summary>
public class ListValueTests
{
    private delegate bool TryParseList<T>(string text, out IReadOnlyList<T> values, out string? problem);

    /// <summary>Parses with the list value named as in the theories below, expecting a refusal and no values.</summary>
    private static string? RefusalBy(string list, string text) => list switch
    {
        "name servers" => Refusal<IPEndPoint>(DnsServerListValue.TryParse, text),
        "domains" => Refusal<string>(DomainListValue.TryParse, text),
        "fingerprints" => Refusal<string>(FingerprintListValue.TryParse, text),
        "networks" => Refusal<IPNetwork>(NetworkListValue.TryParse, text),
        "mechanisms" => Refusal((string t, out IReadOnlyList<SaslMechanismId> v, out string? p) => WordListValue.TryParseList(t, ConfigWords.Mechanisms, out v, out p), text),
        "sender map" => Refusal<KeyValuePair<string, string>>(SenderMapValue.TryParsePairs, text),
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "no such list value"),
    };

    private static string? Refusal<T>(TryParseList<T> parse, string text)
    {
        Assert.False(parse(text, out IReadOnlyList<T> values, out string? problem));
        Assert.Empty(values);
        return problem;
    }

    [Theory]
    [InlineData("name servers", "10.0.0.1 10.0.0.1:53", "\"10.0.0.1:53\" is listed twice")]
    [InlineData("name servers", "10.0.0.1 dns.example", "\"dns.example\" is not an IP address (name servers are given by address, not by name)")]
    [InlineData("name servers", "10.0.0.1:0", "\"10.0.0.1:0\": \"0\" is not a port from 1 to 65535")]
    [InlineData("domains", "lan LAN.", "\"LAN.\" is listed twice")]
    [InlineData("domains", "lan bad_name", "\"bad_name\" is not a domain name")]
    [InlineData("fingerprints", "abcd", "\"abcd\" is not a SHA-256 fingerprint (64 hex digits)")]
    [InlineData("networks", "10.0.0.0/8 lan", "\"lan\" is not an address or CIDR network")]
    [InlineData("networks", "192.168.1.1/24", "\"192.168.1.1/24\" has host bits set after the /24 prefix; did you mean \"192.168.1.0/24\"?")]
    [InlineData("mechanisms", "PLAIN plain", "\"plain\" is listed twice")]
    [InlineData("mechanisms", "PLAIN PLAN", "unknown word \"PLAN\"; did you mean \"PLAIN\"?")]
    [InlineData("sender map", "root=a@x.example, ROOT=b@x.example", "\"ROOT=b@x.example\": \"ROOT\" is mapped twice")]
    [InlineData("sender map", "root", "\"root\" is not a from=to pair")]
    [InlineData("sender map", "root=nobody", "\"root=nobody\": \"nobody\" is not a mail address with a domain")]
    public void EachListNamesItsFaultyEntry(string list, string text, string expected)
    {
        Assert.Equal(expected, RefusalBy(list, text));
    }

    /// <param name="entry">An entry, "{0}" standing for its index where entries must differ.</param>
    /// <param name="expected">The message, "{0}" standing for the entry count and "{1}" for the bound.</param>
    [Theory]
    [InlineData("name servers", "10.0.0.1", DnsServerListValue.MaxEntries, "has {0} name servers; at most {1} are used")]
    [InlineData("domains", "not_a_domain", DomainListValue.MaxEntries, "has {0} domains; at most {1} are allowed")]
    [InlineData("fingerprints", "abcd", FingerprintListValue.MaxEntries, "has {0} fingerprints; at most {1} are allowed")]
    [InlineData("networks", "10.0.0.1", NetworkListValue.MaxEntries, "has {0} entries; at most {1} are allowed")]
    [InlineData("sender map", "u{0}=me@example.net", SenderRewriteMap.MaxEntries, "has {0} pairs; at most {1} are allowed")]
    public void EachListRefusesMoreEntriesThanItsBound(string list, string entry, int bound, string expected)
    {
        string text = string.Join(' ', Enumerable.Range(0, bound + 1).Select(i => string.Format(CultureInfo.InvariantCulture, entry, i)));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, expected, bound + 1, bound), RefusalBy(list, text));
    }

    [Fact]
    public void DnsServerListKeepsOrderAndAddsTheDefaultPort()
    {
        Assert.True(DnsServerListValue.TryParse("192.168.1.1, [::1]:5353 ::2", out IReadOnlyList<IPEndPoint> servers, out string? problem));
        Assert.Null(problem);
        Assert.Equal(
            [new IPEndPoint(IPAddress.Parse("192.168.1.1"), 53), new IPEndPoint(IPAddress.IPv6Loopback, 5353), new IPEndPoint(IPAddress.Parse("::2"), 53)],
            servers);
    }

    [Fact]
    public void DomainListLowerCasesAndDropsTheTrailingDot()
    {
        Assert.True(DomainListValue.TryParse("LAN, fritz.box. home.arpa", out IReadOnlyList<string> domains, out string? problem));
        Assert.Null(problem);
        Assert.Equal(["lan", "fritz.box", "home.arpa"], domains);
    }

    [Fact]
    public void FingerprintListNormalisesToLowerHexWithoutColonsAndKeepsRepeats()
    {
        string hex = string.Concat(Enumerable.Repeat("AB", 32));
        string colons = string.Join(':', Enumerable.Repeat("ab", 32));
        Assert.True(FingerprintListValue.TryParse($"{hex}, {colons}", out IReadOnlyList<string> fingerprints, out string? problem));
        Assert.Null(problem);
        Assert.Equal([hex.ToLowerInvariant(), hex.ToLowerInvariant()], fingerprints);
    }

    [Fact]
    public void NetworkListKeepsOrderAndRepeats()
    {
        Assert.True(NetworkListValue.TryParse("10.0.0.0/8 ::1, 10.0.0.0/8", out IReadOnlyList<IPNetwork> networks, out string? problem));
        Assert.Null(problem);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("10.0.0.0/8")], networks);
    }

    [Fact]
    public void WordListKeepsTheWrittenOrder()
    {
        Assert.True(WordListValue.TryParseList("LOGIN, plain", ConfigWords.Mechanisms, out IReadOnlyList<SaslMechanismId> words, out string? problem));
        Assert.Null(problem);
        Assert.Equal([SaslMechanismId.Login, SaslMechanismId.Plain], words);
    }
}
