using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Relay;

/// <summary>The parts of the path parser the relay policy relies on.</summary>
public sealed class MailboxAddressParserTests
{
    private static AddressError Error(string path, bool smtpUtf8 = false) => Error(Encoding.UTF8.GetBytes(path), smtpUtf8);

    private static AddressError Error(byte[] path, bool smtpUtf8)
    {
        Assert.False(MailboxAddress.TryParse(path, smtpUtf8, out var address, out var error));
        Assert.Null(address);
        return error;
    }

    [Fact]
    public void SourceRouteIsDroppedAndTheFinalDomainKept()
    {
        var address = Addresses.Parse("<@a.example,@b.example:User@C.Example.>");

        Assert.Equal("User", address.LocalPart);
        Assert.Equal("c.example", address.Domain);
        Assert.True(address.HadSourceRoute);
    }

    [Fact]
    public void QuotedLocalPartKeepsItsQuotesAndRoutingCharacters()
    {
        var address = Addresses.Parse("<\"user@evil.example\"@relay.home.arpa>");

        Assert.Equal("\"user@evil.example\"", address.LocalPart);
        Assert.Equal("relay.home.arpa", address.Domain);
    }

    [Theory]
    [InlineData("<@relay.home.arpa:>")]
    [InlineData("<@relay.home.arpa,@other.example:>")]
    public void SourceRouteWithoutAMailboxIsASyntaxError(string path)
    {
        Assert.Equal(AddressError.Syntax, Error(path));
    }

    [Theory]
    [InlineData("<user@[1.2.3.-1]>")]
    [InlineData("<user@[1.2.3.+4]>")]
    [InlineData("<user@[1.2.3]>")]
    [InlineData("<user@[1.2.3.256]>")]
    [InlineData("<user@[IPv6:fe80::1%eth0]>")]
    [InlineData("<user@[IPv6:1.2.3.4]>")]
    [InlineData("<user@[127.0.0.1].>")]
    [InlineData("<user@evil.example@relay.home.arpa>")]
    [InlineData("<user@relay.home.arpa..>")]
    public void MalformedDomainsAreSyntaxErrors(string path)
    {
        Assert.Equal(AddressError.Syntax, Error(path));
    }

    [Theory]
    [InlineData("<user@[IPv6:::1]>", "[ipv6:::1]")]
    [InlineData("<user@[ipv6:::1]>", "[ipv6:::1]")]
    [InlineData("<user@[127.0.0.1]>", "[127.0.0.1]")]
    public void AddressLiteralsParseAsLiterals(string path, string domain)
    {
        var address = Addresses.Parse(path);

        Assert.True(address.IsDomainLiteral);
        Assert.Equal(domain, address.Domain);
    }

    [Fact]
    public void InvalidUtf8InTheDomainIsASyntaxErrorEvenWithSmtpUtf8()
    {
        byte[] path = [.. "<user@exa"u8, 0xFF, 0xC3, .. "mple.com>"u8]; // 0xFF never occurs in UTF-8

        Assert.Equal(AddressError.Syntax, Error(path, smtpUtf8: true));
    }

    [Fact]
    public void NonAsciiDomainWithoutSmtpUtf8IsReportedAsSuch()
    {
        Assert.Equal(AddressError.NonAsciiWithoutSmtpUtf8, Error("<user@b\u00FCcher.example>"));
    }

    [Fact]
    public void UnqualifiedNameParsesWithAnEmptyDomain()
    {
        var address = Addresses.Parse("<root>");

        Assert.False(address.IsQualified);
        Assert.Equal("root", address.ToString());
    }
}
