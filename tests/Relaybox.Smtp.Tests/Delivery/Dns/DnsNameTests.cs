using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

public sealed class DnsNameTests
{
    [Theory]
    [InlineData("example.test", DnsNameError.None)]
    [InlineData("example.test.", DnsNameError.None)]
    [InlineData("", DnsNameError.None)]
    [InlineData("a..test", DnsNameError.EmptyLabel)]
    [InlineData(".test", DnsNameError.EmptyLabel)]
    [InlineData("bad name.test", DnsNameError.InvalidCharacter)]
    [InlineData("bücher.test", DnsNameError.InvalidCharacter)]
    [InlineData(@"a\046b.test", DnsNameError.InvalidCharacter)]
    public void NamesAreCheckedBeforeTheyAreSent(string name, DnsNameError expected)
    {
        Assert.Equal(expected, DnsName.Validate(name));
    }

    [Fact]
    public void A63OctetLabelIsAllowedAnd64IsNot()
    {
        Assert.Equal(DnsNameError.None, DnsName.Validate(new string('a', 63) + ".test"));
        Assert.Equal(DnsNameError.LabelTooLong, DnsName.Validate(new string('a', 64) + ".test"));
    }

    [Fact]
    public void ANameOf255WireOctetsIsAllowedAnd256IsNot()
    {
        // Four labels of 63 octets are 4 * 64 + 1 = 257 on the wire; 61 in the last makes 255.
        string label = new('a', 63);
        Assert.Equal(DnsNameError.None, DnsName.Validate($"{label}.{label}.{label}.{new string('b', 61)}"));
        Assert.Equal(DnsNameError.NameTooLong, DnsName.Validate($"{label}.{label}.{label}.{new string('b', 62)}"));
    }

    [Fact]
    public void NamesCompareWithoutRegardToCaseOrATrailingDot()
    {
        Assert.True(DnsName.EqualNames("Mail.Example.TEST.", "mail.example.test"));
        Assert.False(DnsName.EqualNames("mail.example.test", "mail.example.tes"));
    }
}
