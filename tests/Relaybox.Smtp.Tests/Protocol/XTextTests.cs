using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Protocol;

public class XTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a+b=c", "a+2Bb+3Dc")]
    [InlineData("two words", "two+20words")]
    [InlineData("jörg", "j+C3+B6rg")]
    public void EncodeEscapesPlusEqualsSpaceAndNonAscii(string text, string xtext)
    {
        Assert.Equal(xtext, XText.Encode(text));
        Assert.True(XText.IsValid(Encoding.ASCII.GetBytes(xtext)));
        Assert.Equal(text, XText.Decode(Encoding.ASCII.GetBytes(xtext)));
    }

    [Theory]
    [InlineData("a+2b")]
    [InlineData("a+")]
    [InlineData("a+2")]
    [InlineData("a=b")]
    [InlineData("a b")]
    public void InvalidXtextIsRecognised(string xtext) => Assert.False(XText.IsValid(Encoding.ASCII.GetBytes(xtext)));
}
