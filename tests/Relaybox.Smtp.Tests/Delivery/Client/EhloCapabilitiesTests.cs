using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Tests.Delivery.Client;

public sealed class EhloCapabilitiesTests
{
    private static EhloCapabilities Parse(params string[] lines) => EhloCapabilities.Parse(new UpstreamReply(250, lines));

    [Fact]
    public void EveryKnownKeywordIsRecognised()
    {
        EhloCapabilities caps = Parse("mx.example greets you", "PIPELINING", "SIZE 10240000", "STARTTLS", "AUTH SCRAM-SHA-256 PLAIN login",
            "8BITMIME", "SMTPUTF8", "DSN", "ENHANCEDSTATUSCODES");

        Assert.True(caps.Pipelining && caps.StartTls && caps.EightBitMime && caps.SmtpUtf8 && caps.Dsn && caps.EnhancedStatusCodes && caps.Size);
        Assert.Equal(10240000, caps.MaxMessageSize);
        Assert.Equal(new HashSet<string> { "SCRAM-SHA-256", "PLAIN", "LOGIN" }, caps.AuthMechanisms);
    }

    [Fact]
    public void TheGreetingLineIsNotAKeyword()
    {
        EhloCapabilities caps = Parse("STARTTLS");

        Assert.False(caps.StartTls);
    }

    [Theory]
    [InlineData("SIZE")]
    [InlineData("SIZE 0")]
    [InlineData("size nonsense")]
    public void SizeWithoutAPositiveLimitMeansNoFixedLimit(string line)
    {
        EhloCapabilities caps = Parse("mx", line);

        Assert.True(caps.Size);
        Assert.Null(caps.MaxMessageSize);
    }

    [Fact]
    public void PreStandardAuthEqualsFormAddsMechanisms()
    {
        EhloCapabilities caps = Parse("mx", "AUTH=LOGIN PLAIN");

        Assert.Equal(new HashSet<string> { "LOGIN", "PLAIN" }, caps.AuthMechanisms);
    }

    [Fact]
    public void KeywordsAreCaseInsensitiveAndUnknownOnesIgnored()
    {
        EhloCapabilities caps = Parse("mx", "pipelining", "XCLIENT NAME ADDR", "starttls");

        Assert.True(caps.Pipelining);
        Assert.True(caps.StartTls);
        Assert.False(caps.Dsn);
    }

    [Fact]
    public void HeloFallbackHasNoExtensions()
    {
        Assert.False(EhloCapabilities.None.Pipelining || EhloCapabilities.None.StartTls || EhloCapabilities.None.Size);
        Assert.Empty(EhloCapabilities.None.AuthMechanisms);
    }
}
