using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Protocol;

public class MailboxAddressTests
{
    private static (MailboxAddress? Address, AddressError Error) Parse(byte[] path, bool utf8)
    {
        MailboxAddress.TryParse(path, utf8, out var address, out var error);
        return (address, error);
    }

    [Fact]
    public void MalformedUtf8InADomainIsASyntaxErrorEvenWithSmtpUtf8()
    {
        var path = Encoding.ASCII.GetBytes("<a@b\u0001.example>");
        path[4] = 0xC3; // a UTF-8 lead byte with no continuation byte
        var (address, error) = Parse(path, utf8: true);
        Assert.Null(address);
        Assert.Equal(AddressError.Syntax, error);
    }

    [Fact]
    public void WellFormedUtf8DomainIsAcceptedWithSmtpUtf8()
    {
        var (address, error) = Parse(Encoding.UTF8.GetBytes("<a@bücher.example>"), utf8: true);
        Assert.Equal(AddressError.None, error);
        Assert.Equal("bücher.example", address!.Domain);
    }

    [Fact]
    public void SourceRouteIsDroppedButRemembered()
    {
        var (address, _) = Parse("<@relay.example:user@Example.ORG.>"u8.ToArray(), utf8: false);
        Assert.Equal("user@example.org", address!.ToString());
        Assert.True(address.HadSourceRoute);
    }

    [Fact]
    public void QuotedLocalPartKeepsItsQuotes()
    {
        var (address, _) = Parse("<\"a@b\"@c.example>"u8.ToArray(), utf8: false);
        Assert.Equal("\"a@b\"", address!.LocalPart);
        Assert.True(address.IsQuotedLocalPart);
    }

    [Theory]
    [InlineData("<a@[192.0.2.1]>", true)]
    [InlineData("<a@[IPv6:2001:db8::1]>", true)]
    [InlineData("<a@[192.0.2]>", false)]
    [InlineData("<a@[300.0.0.1]>", false)]
    public void AddressLiteralsAreValidated(string path, bool valid) =>
        Assert.Equal(valid, MailboxAddress.TryParse(Encoding.ASCII.GetBytes(path), false, out _, out _));
}
