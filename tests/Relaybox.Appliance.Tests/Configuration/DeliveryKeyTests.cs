using System.Net;
using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>The keys delivery reads: their defaults, the forms they accept, and the errors (with file and line) for the rest.</summary>
public class DeliveryKeyTests
{
    private const string File = "/etc/relaybox/relaybox.ini";

    private static ConfigLoadResult Load(string section, string key, string value) =>
        ConfigLoader.Parse($"[rewrite]\nadmin = a@example.net\n[{section}]\n{key} = {value}\n", File);

    private static RelayboxConfig Bound(string section, string key, string value)
    {
        ConfigLoadResult result = Load(section, key, value);
        Assert.Empty(result.Errors);
        return result.Config!;
    }

    /// <summary>The one error a bad value gives: on line 4 of the file, naming the key and the accepted forms.</summary>
    private static ConfigDiagnostic ValueError(string section, string key, string value)
    {
        ConfigLoadResult result = Load(section, key, value);
        Assert.Null(result.Config);
        ConfigDiagnostic error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.StartsWith($"{File}:4: error: {key} in [{section}]: ", error.ToString());
        Assert.Contains("(expected ", error.Message);
        return error;
    }

    [Fact]
    public void DefaultsDeliverWithPostfixLikeTimingsAndSmallConcurrency()
    {
        RelayboxConfig config = ConfigLoader.Parse("", File).Config!;
        QueueSection queue = config.Queue;
        Assert.True(queue.Deliver);
        Assert.Equal(TimeSpan.FromHours(4), queue.DelayWarning);
        Assert.Equal(TimeSpan.FromHours(1), queue.StuckAlert);
        Assert.Equal(10, queue.MaxDeliveries);
        Assert.Equal(5, queue.DestinationConcurrency);
        Assert.Null(config.Relay.FallbackRelay);
        Assert.Empty(config.Relay.DnsServers);
        Assert.Empty(config.Rewrite.LocalDomains);
        Assert.Equal(0, config.Rewrite.SenderMap.Count);
        Assert.Null(config.Rewrite.SenderMap.Lookup("scanner@printer.lan"));
    }

    [Fact]
    public void DefaultQueueSectionMapsOntoTheSchedulerDefaults()
    {
        QueueSection queue = ConfigLoader.Parse("", File).Config!.Queue;
        Assert.Equal(RetryOptions.Default, queue.Retry);
        Assert.Equal(ConcurrencyLimits.Default, queue.Concurrency);
    }

    [Fact]
    public void QueueSectionHandsItsValuesToRetryOptionsAndConcurrencyLimits()
    {
        RelayboxConfig config = ConfigLoader.Parse(
            "[queue]\nmax_lifetime = 2d\nmin_backoff = 1m\nmax_backoff = 1h\ndelay_warning = 0\nmax_deliveries = 20\ndestination_concurrency = 2\n", File).Config!;
        Assert.Equal(new RetryOptions(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(2), null), config.Queue.Retry);
        Assert.Equal(new ConcurrencyLimits(20, 2), config.Queue.Concurrency);
    }

    [Theory]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("yes", true)]
    public void DeliverIsABoolean(string text, bool expected)
    {
        Assert.Equal(expected, Bound("queue", "deliver", text).Queue.Deliver);
    }

    [Fact]
    public void DeliverRefusesOtherWords()
    {
        Assert.Contains("\"later\" is not a yes/no value", ValueError("queue", "deliver", "later").Message);
    }

    [Theory]
    [InlineData("delay_warning")]
    [InlineData("stuck_alert")]
    public void ZeroTurnsATimedNoticeOff(string key)
    {
        QueueSection queue = Bound("queue", key, "0").Queue;
        Assert.Null(key == "delay_warning" ? queue.DelayWarning : queue.StuckAlert);
    }

    [Theory]
    [InlineData("delay_warning", "90m", 5400)]
    [InlineData("delay_warning", "1d", 86_400)]
    [InlineData("stuck_alert", "30m", 1800)]
    [InlineData("stuck_alert", "7200", 7200)]
    public void TimedNoticesTakeDurations(string key, string text, int seconds)
    {
        QueueSection queue = Bound("queue", key, text).Queue;
        Assert.Equal(TimeSpan.FromSeconds(seconds), key == "delay_warning" ? queue.DelayWarning : queue.StuckAlert);
    }

    [Theory]
    [InlineData("delay_warning", "soon")]
    [InlineData("delay_warning", "4w")]
    [InlineData("stuck_alert", "-1h")]
    [InlineData("stuck_alert", "")]
    public void TimedNoticesRefuseWhatIsNotADuration(string key, string text)
    {
        ValueError("queue", key, text);
    }

    [Theory]
    [InlineData("max_deliveries", "1", true)]
    [InlineData("max_deliveries", "100", true)]
    [InlineData("max_deliveries", "0", false)]
    [InlineData("max_deliveries", "101", false)]
    [InlineData("destination_concurrency", "1", true)]
    [InlineData("destination_concurrency", "50", true)]
    [InlineData("destination_concurrency", "0", false)]
    [InlineData("destination_concurrency", "51", false)]
    public void ConcurrencyCountsHaveBounds(string key, string text, bool accepted)
    {
        if (accepted)
        {
            QueueSection queue = Bound("queue", key, text).Queue;
            Assert.Equal(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
                key == "max_deliveries" ? queue.MaxDeliveries : queue.DestinationConcurrency);
        }
        else
        {
            Assert.Matches("is (below the minimum|above the maximum)", ValueError("queue", key, text).Message);
        }
    }

    [Theory]
    [InlineData("[smtp.example.net]:587", "smtp.example.net", 587, false)]
    [InlineData("smtp.example.net", "smtp.example.net", 25, true)]
    [InlineData("[192.0.2.7]:465", "192.0.2.7", 465, false)]
    public void FallbackRelayTakesTheRelayhostSyntax(string text, string host, int port, bool lookUpMx)
    {
        Assert.Equal(new RelayHostAddress(host, port, lookUpMx), Bound("relay", "fallback_relay", text).Relay.FallbackRelay);
    }

    [Theory]
    [InlineData("[smtp.example.net")]
    [InlineData("192.0.2.7:587")]
    [InlineData("smtp.example.net:99999")]
    [InlineData("smtp_example.net")]
    public void FallbackRelayRefusesWhatRelayhostRefuses(string text)
    {
        ValueError("relay", "fallback_relay", text);
    }

    [Fact]
    public void FallbackRelayIsVerifiedLikeASmarthostWhenTheLevelIsLeftEmpty()
    {
        RelaySection relay = Bound("relay", "fallback_relay", "[smtp.example.net]:587").Relay;
        Assert.Equal(TlsSecurityLevel.May, relay.TlsSecurityLevel);
        Assert.Equal(TlsSecurityLevel.Secure, relay.FallbackTlsSecurityLevel);
    }

    [Fact]
    public void AnExplicitTlsLevelAppliesToTheFallbackRelayToo()
    {
        RelayboxConfig config = ConfigLoader.Parse("[relay]\nfallback_relay = [smtp.example.net]:587\ntls_security_level = encrypt\n", File).Config!;
        Assert.Equal(TlsSecurityLevel.Encrypt, config.Relay.FallbackTlsSecurityLevel);
        Assert.Equal(TlsSecurityLevel.Encrypt, config.Relay.TlsSecurityLevel);
    }

    [Fact]
    public void DnsServersTakeAddressesWithOptionalPorts()
    {
        RelaySection relay = Bound("relay", "dns_servers", "192.168.1.1, 127.0.0.1:5353 [::1]:53").Relay;
        Assert.Equal(
            [new IPEndPoint(IPAddress.Parse("192.168.1.1"), 53), new IPEndPoint(IPAddress.Loopback, 5353), new IPEndPoint(IPAddress.IPv6Loopback, 53)],
            relay.DnsServers);
    }

    [Theory]
    [InlineData("::1", "::1", 53)]
    [InlineData("[fd00::53]", "fd00::53", 53)]
    [InlineData("[2001:db8::1]:5300", "2001:db8::1", 5300)]
    public void DnsServersTakeIpv6WithBracketsForAPort(string text, string address, int port)
    {
        Assert.Equal([new IPEndPoint(IPAddress.Parse(address), port)], Bound("relay", "dns_servers", text).Relay.DnsServers);
    }

    [Theory]
    [InlineData("dns.example.net", "not an IP address")]
    [InlineData("192.168.1", "not an IP address")]
    [InlineData("192.168.1.1:0", "not a port")]
    [InlineData("192.168.1.1:", "not a port")]
    [InlineData("[::1]53", "not [IPv6 address]:port")]
    [InlineData("0.0.0.0", "unspecified address")]
    [InlineData("10.0.0.1 10.0.0.1", "listed twice")]
    [InlineData("10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.4", "at most 3")]
    public void DnsServersRefuseNamesBadPortsAndMoreThanThree(string text, string reason)
    {
        Assert.Contains(reason, ValueError("relay", "dns_servers", text).Message);
    }

    [Fact]
    public void LocalDomainsAreLowerCasedWithoutTrailingDots()
    {
        RewriteSection set = ConfigLoader.Parse("[rewrite]\nlocal_domains = lan, Fritz.Box. home.arpa\n", File).Config!.Rewrite;
        Assert.Equal(["lan", "fritz.box", "home.arpa"], set.LocalDomains);
        Assert.True(set.IsLocalDomain("FRITZ.box."));
        Assert.False(set.IsLocalDomain("nas.fritz.box"));
    }

    [Theory]
    [InlineData("*.lan", "\"*.lan\" is not a domain name")]
    [InlineData("lan, my_lan", "\"my_lan\" is not a domain name")]
    [InlineData("lan LAN.", "listed twice")]
    public void LocalDomainsRefuseWhatIsNotADomain(string text, string reason)
    {
        ConfigLoadResult result = ConfigLoader.Parse($"[rewrite]\nadmin = a@example.net\nlocal_domains = {text}\n", File);
        ConfigDiagnostic error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains(reason, error.Message);
    }
}
