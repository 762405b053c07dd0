using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

public class ReceivedHeaderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 5, 9, TimeSpan.Zero);

    [Theory]
    [InlineData(false, false, false, false, "SMTP")]
    [InlineData(true, false, false, false, "ESMTP")]
    [InlineData(true, false, true, false, "ESMTPS")]
    [InlineData(true, false, false, true, "ESMTPA")]
    [InlineData(true, false, true, true, "ESMTPSA")]
    [InlineData(true, true, true, true, "UTF8SMTPSA")]
    public void WithTypeFollowsRfc3848(bool ehlo, bool utf8, bool tls, bool auth, string expected) =>
        Assert.Equal(expected, ReceivedHeader.WithType(ehlo, utf8, tls, auth));

    [Fact]
    public void DateIsRfc5322WithNumericZone()
    {
        Assert.Equal("Mon, 2 Nov 2026 12:05:09 +0000", ReceivedHeader.Rfc5322Date(Noon));
        Assert.Equal("Mon, 2 Nov 2026 07:05:09 -0500", ReceivedHeader.Rfc5322Date(Noon.ToOffset(TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void AddressLiteralsFollowRfc5321()
    {
        Assert.Equal("[192.0.2.7]", ReceivedHeader.AddressLiteral(IPAddress.Parse("192.0.2.7")));
        Assert.Equal("[192.0.2.7]", ReceivedHeader.AddressLiteral(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.Equal("[IPv6:2001:db8::7]", ReceivedHeader.AddressLiteral(IPAddress.Parse("2001:db8::7")));
    }

    [Fact]
    public void FullHeaderHasTlsCommentAndLoginOnlyWhenAsked()
    {
        string Build(bool showLogin) => Encoding.UTF8.GetString(ReceivedHeader.Build(
            "laptop", IPAddress.Parse("192.0.2.7"), "relay.test", "Q1", true, false, SslProtocols.Tls13,
            TlsCipherSuite.TLS_AES_256_GCM_SHA384, "alice(x)\r\n", showLogin, Noon));

        Assert.Equal(
            "Received: from laptop ([192.0.2.7])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)\r\n" +
            "\t(authenticated as alice_x___)\r\n\tby relay.test (relaybox) with ESMTPSA id Q1;\r\n\tMon, 2 Nov 2026 12:05:09 +0000\r\n",
            Build(showLogin: true));
        Assert.DoesNotContain("alice", Build(showLogin: false));
    }

    [Fact]
    public void HeloNameCannotOpenACommentOrBreakTheLine()
    {
        string header = Encoding.UTF8.GetString(ReceivedHeader.Build(
            "evil(\tname", IPAddress.Loopback, "relay.test", "Q1", true, false, null, default, null, false, Noon));
        Assert.StartsWith("Received: from evil__name ([127.0.0.1])\r\n\tby relay.test", header);
    }
}
