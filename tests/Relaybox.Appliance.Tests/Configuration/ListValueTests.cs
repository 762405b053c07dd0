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
    [Fact]
    public void DnsServerListKeepsOrderAndAddsTheDefaultPort()
    {
        Assert.True(DnsServerListValue.TryParse("192.168.1.1, [::1]:5353 ::2", out IReadOnlyList<IPEndPoint> servers, out string? problem));
        Assert.Null(problem);
        Assert.Equal(
            [new IPEndPoint(IPAddress.Parse("192.168.1.1"), 53), new IPEndPoint(IPAddress.IPv6Loopback, 5353), new IPEndPoint(IPAddress.Parse("::2"), 53)],
            servers);
    }

    [Theory]
    [InlineData("10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.4", "has 4 name servers; at most 3 are used")]
    [InlineData("10.0.0.1 10.0.0.1:53", "\"10.0.0.1:53\" is listed twice")]
    [InlineData("10.0.0.1 dns.example", "\"dns.example\" is not an IP address (name servers are given by address, not by name)")]
    [InlineData("10.0.0.1:0", "\"10.0.0.1:0\": \"0\" is not a port from 1 to 65535")]
    public void DnsServerListNamesTheFaultyEntry(string text, string expected)
    {
        Assert.False(DnsServerListValue.TryParse(text, out IReadOnlyList<IPEndPoint> servers, out string? problem));
        Assert.Equal(expected, problem);
        Assert.Empty(servers);
    }

    [Fact]
    public void DomainListLowerCasesAndDropsTheTrailingDot()
    {
        Assert.True(DomainListValue.TryParse("LAN, fritz.box. home.arpa", out IReadOnlyList<string> domains, out string? problem));
        Assert.Null(problem);
        Assert.Equal(["lan", "fritz.box", "home.arpa"], domains);
    }

    [Theory]
    [InlineData("lan LAN.", "\"LAN.\" is listed twice")]
    [InlineData("lan bad_name", "\"bad_name\" is not a domain name")]
    public void DomainListNamesTheFaultyEntry(string text, string expected)
    {
        Assert.False(DomainListValue.TryParse(text, out IReadOnlyList<string> domains, out string? problem));
        Assert.Equal(expected, problem);
        Assert.Empty(domains);
    }

    [Fact]
    public void DomainListRefusesMoreThanItsBoundBeforeReadingEntries()
    {
        string text = string.Join(' ', Enumerable.Repeat("not_a_domain", DomainListValue.MaxEntries + 1));
        Assert.False(DomainListValue.TryParse(text, out _, out string? problem));
        Assert.Equal($"has {DomainListValue.MaxEntries + 1} domains; at most {DomainListValue.MaxEntries} are allowed", problem);
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

    [Theory]
    [InlineData("abcd", "\"abcd\" is not a SHA-256 fingerprint (64 hex digits)")]
    public void FingerprintListNamesTheFaultyEntry(string text, string expected)
    {
        Assert.False(FingerprintListValue.TryParse(text, out IReadOnlyList<string> fingerprints, out string? problem));
        Assert.Equal(expected, problem);
        Assert.Empty(fingerprints);
    }

    [Fact]
    public void FingerprintListRefusesMoreThanItsBound()
    {
        string text = string.Join(' ', Enumerable.Repeat(new string('a', 64), FingerprintListValue.MaxEntries + 1));
        Assert.False(FingerprintListValue.TryParse(text, out _, out string? problem));
        Assert.Equal($"has {FingerprintListValue.MaxEntries + 1} fingerprints; at most {FingerprintListValue.MaxEntries} are allowed", problem);
    }

    [Fact]
    public void NetworkListKeepsOrderAndRepeats()
    {
        Assert.True(NetworkListValue.TryParse("10.0.0.0/8 ::1, 10.0.0.0/8", out IReadOnlyList<IPNetwork> networks, out string? problem));
        Assert.Null(problem);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("10.0.0.0/8")], networks);
    }

    [Theory]
    [InlineData("10.0.0.0/8 lan", "\"lan\" is not an address or CIDR network")]
    [InlineData("192.168.1.1/24", "\"192.168.1.1/24\" has host bits set after the /24 prefix; did you mean \"192.168.1.0/24\"?")]
    public void NetworkListNamesTheFaultyEntry(string text, string expected)
    {
        Assert.False(NetworkListValue.TryParse(text, out IReadOnlyList<IPNetwork> networks, out string? problem));
        Assert.Equal(expected, problem);
        Assert.Empty(networks);
    }

    [Fact]
    public void NetworkListRefusesMoreThanItsBound()
    {
        string text = string.Join(' ', Enumerable.Repeat("10.0.0.1", NetworkListValue.MaxEntries + 1));
        Assert.False(NetworkListValue.TryParse(text, out _, out string? problem));
        Assert.Equal($"has {NetworkListValue.MaxEntries + 1} entries; at most {NetworkListValue.MaxEntries} are allowed", problem);
    }

    [Fact]
    public void WordListKeepsTheWrittenOrder()
    {
        Assert.True(WordListValue.TryParseList("LOGIN, plain", ConfigWords.Mechanisms, out IReadOnlyList<SaslMechanismId> words, out string? problem));
        Assert.Null(problem);
        Assert.Equal([SaslMechanismId.Login, SaslMechanismId.Plain], words);
    }

    [Theory]
    [InlineData("PLAIN plain", "\"plain\" is listed twice")]
    [InlineData("PLAIN PLAN", "unknown word \"PLAN\"; did you mean \"PLAIN\"?")]
    public void WordListNamesTheFaultyWord(string text, string expected)
    {
        Assert.False(WordListValue.TryParseList(text, ConfigWords.Mechanisms, out IReadOnlyList<SaslMechanismId> words, out string? problem));
        Assert.Equal(expected, problem);
        Assert.Empty(words);
    }

    [Theory]
    [InlineData("root=a@x.example, ROOT=b@x.example", "\"ROOT=b@x.example\": \"ROOT\" is mapped twice")]
    [InlineData("root", "\"root\" is not a from=to pair")]
    [InlineData("root=nobody", "\"root=nobody\": \"nobody\" is not a mail address with a domain")]
    public void SenderMapNamesTheFaultyPair(string text, string expected)
    {
        Assert.False(SenderMapValue.TryParsePairs(text, out IReadOnlyList<KeyValuePair<string, string>> pairs, out string? problem));
        Assert.Equal(expected, problem);
        Assert.Empty(pairs);
    }

    [Fact]
    public void SenderMapRefusesMoreThanItsBound()
    {
        string text = string.Join(' ', Enumerable.Range(0, SenderRewriteMap.MaxEntries + 1).Select(i => $"u{i}=me@example.net"));
        Assert.False(SenderMapValue.TryParsePairs(text, out _, out string? problem));
        Assert.Equal($"has {SenderRewriteMap.MaxEntries + 1} pairs; at most {SenderRewriteMap.MaxEntries} are allowed", problem);
    }
}
