using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Protocol;

public class SmtpCommandParserTests
{
    [Theory]
    [InlineData("EHLO client.example", SmtpVerb.Ehlo)]
    [InlineData("ehlo client.example", SmtpVerb.Ehlo)]
    [InlineData("HELO client.example", SmtpVerb.Helo)]
    [InlineData("MAIL FROM:<a@b.example>", SmtpVerb.Mail)]
    [InlineData("RCPT TO:<a@b.example>", SmtpVerb.Rcpt)]
    [InlineData("DATA", SmtpVerb.Data)]
    [InlineData("BDAT 10", SmtpVerb.Bdat)]
    [InlineData("RSET", SmtpVerb.Rset)]
    [InlineData("NOOP", SmtpVerb.Noop)]
    [InlineData("NOOP anything at all", SmtpVerb.Noop)]
    [InlineData("QUIT", SmtpVerb.Quit)]
    [InlineData("VRFY postmaster", SmtpVerb.Vrfy)]
    [InlineData("HELP", SmtpVerb.Help)]
    [InlineData("HELP MAIL", SmtpVerb.Help)]
    [InlineData("STARTTLS", SmtpVerb.StartTls)]
    [InlineData("StartTls", SmtpVerb.StartTls)]
    [InlineData("AUTH PLAIN", SmtpVerb.Auth)]
    public void EveryVerbIsRecognisedInAnyCase(string line, SmtpVerb verb)
    {
        var command = ParseHarness.Parse(line);
        Assert.Equal(verb, command.Verb);
        Assert.True(command.IsValid, command.Error.ToString());
    }

    [Theory]
    [InlineData("EXPN list")]
    [InlineData("MAILX FROM:<a@b>")]
    [InlineData("XYZ")]
    [InlineData("")]
    [InlineData(" EHLO x")]
    [InlineData("STARTTLSX")]
    public void UnknownVerbsAreUnknownCommand(string line)
    {
        var command = ParseHarness.Parse(line);
        Assert.Equal(CommandError.UnknownCommand, command.Error);
    }

    [Theory]
    [InlineData("DATA x")]
    [InlineData("RSET now")]
    [InlineData("QUIT please")]
    [InlineData("STARTTLS now")]
    public void ArgumentsAfterArgumentlessVerbsAreRefused(string line) =>
        Assert.Equal(CommandError.UnexpectedArgument, ParseHarness.Parse(line).Error);

    [Fact]
    public void TrailingSpacesAfterDataAreTolerated() => Assert.True(ParseHarness.Parse("DATA  ").IsValid);

    [Theory]
    [InlineData("EHLO")]
    [InlineData("EHLO ")]
    [InlineData("HELO")]
    public void HeloWithoutDomainIsASyntaxError(string line) => Assert.Equal(CommandError.HeloSyntax, ParseHarness.Parse(line).Error);

    [Fact]
    public void HeloKeepsTheFirstWordAsDomain() => Assert.Equal("printer.lan", ParseHarness.Parse("HELO printer.lan extra").Domain);

    [Fact]
    public void NulInACommandIsABadCharacter() => Assert.Equal(CommandError.BadCharacter, ParseHarness.Parse("NOOP \0").Error);

    [Fact]
    public void DeleteCharacterInACommandIsABadCharacter() => Assert.Equal(CommandError.BadCharacter, ParseHarness.Parse("HELO a\u007fb").Error);

    [Fact]
    public void TabInsideAnArgumentIsTolerated() => Assert.Equal("a\tb", ParseHarness.Parse("HELO a\tb").Domain);

    [Fact]
    public void BareCarriageReturnInACommandIsABadCharacter() => Assert.Equal(CommandError.BadCharacter, ParseHarness.Parse("NOOP a\rb").Error);

    [Fact]
    public void MailWithoutParametersGivesTheSenderAndDefaults()
    {
        var mail = ParseHarness.Parse("MAIL FROM:<Alice@Example.COM>").Mail!;
        Assert.Equal("Alice@example.com", mail.Sender!.ToString());
        Assert.Null(mail.DeclaredSize);
        Assert.Equal(BodyType.SevenBit, mail.Body);
        Assert.False(mail.SmtpUtf8);
        Assert.Equal(DsnReturn.Unspecified, mail.Return);
        Assert.Null(mail.EnvelopeId);
    }

    [Fact]
    public void NullReversePathHasNoSender()
    {
        var command = ParseHarness.Parse("MAIL FROM:<>");
        Assert.True(command.IsValid);
        Assert.Null(command.Mail!.Sender);
    }

    [Theory]
    [InlineData("MAIL FROM: <a@b.example>")]
    [InlineData("mail from:<a@b.example>")]
    [InlineData("MAIL FROM:a@b.example")]
    public void MailToleratesCommonClientVariations(string line) => Assert.Equal("a@b.example", ParseHarness.Parse(line).Mail!.Sender!.ToString());

    [Theory]
    [InlineData("MAIL")]
    [InlineData("MAIL TO:<a@b.example>")]
    [InlineData("MAIL FROM:")]
    [InlineData("MAIL FROM:<a@b.example")]
    [InlineData("MAIL FROM:<a@b.example>SIZE=1")]
    public void MalformedMailIsMailSyntax(string line) => Assert.Equal(CommandError.MailSyntax, ParseHarness.Parse(line).Error);

    [Theory]
    [InlineData("MAIL FROM:<a@@b>")]
    [InlineData("MAIL FROM:<a b@c>")]
    [InlineData("MAIL FROM:<@b>")]
    public void BadSenderAddressesAreRefused(string line) => Assert.Equal(CommandError.BadSenderAddress, ParseHarness.Parse(line).Error);

    [Fact]
    public void NonAsciiSenderNeedsSmtpUtf8()
    {
        Assert.Equal(CommandError.NonAsciiAddress, ParseHarness.Parse("MAIL FROM:<jörg@example.com>").Error);
        var command = ParseHarness.Parse("MAIL FROM:<jörg@example.com> SMTPUTF8");
        Assert.True(command.IsValid);
        Assert.True(command.Mail!.SmtpUtf8);
        Assert.Equal("jörg@example.com", command.Mail.Sender!.ToString());
    }

    [Theory]
    [InlineData("SIZE=12345", 12345L)]
    [InlineData("size=0", 0L)]
    [InlineData("SIZE=99999999999999999999", long.MaxValue)]
    public void SizeParameterIsParsed(string parameter, long expected) =>
        Assert.Equal(expected, ParseHarness.Parse("MAIL FROM:<a@b.example> " + parameter).Mail!.DeclaredSize);

    [Theory]
    [InlineData("BODY=7BIT", BodyType.SevenBit)]
    [InlineData("BODY=8bitmime", BodyType.EightBitMime)]
    [InlineData("BODY=BINARYMIME", BodyType.BinaryMime)]
    public void BodyParameterIsParsed(string parameter, BodyType expected) =>
        Assert.Equal(expected, ParseHarness.Parse("MAIL FROM:<a@b.example> " + parameter).Mail!.Body);

    [Theory]
    [InlineData("RET=FULL", DsnReturn.Full)]
    [InlineData("RET=hdrs", DsnReturn.Headers)]
    public void RetParameterIsParsed(string parameter, DsnReturn expected) =>
        Assert.Equal(expected, ParseHarness.Parse("MAIL FROM:<a@b.example> " + parameter).Mail!.Return);

    [Fact]
    public void EnvidIsKeptAsReceivedXtext() =>
        Assert.Equal("QQ+2B314", ParseHarness.Parse("MAIL FROM:<a@b.example> ENVID=QQ+2B314").Mail!.EnvelopeId);

    [Fact]
    public void AuthParameterOnMailIsAcceptedAndIgnored()
    {
        Assert.True(ParseHarness.Parse("MAIL FROM:<a@b.example> AUTH=<>").IsValid);
        Assert.True(ParseHarness.Parse("MAIL FROM:<a@b.example> AUTH=a+40b.example").IsValid);
    }

    [Fact]
    public void SeveralParametersTogether()
    {
        var mail = ParseHarness.Parse("MAIL FROM:<a@b.example>  SIZE=10 BODY=8BITMIME RET=HDRS ENVID=x SMTPUTF8").Mail!;
        Assert.Equal(new MailParameters(mail.Sender, 10, BodyType.EightBitMime, true, DsnReturn.Headers, "x"), mail);
    }

    [Theory]
    [InlineData("SIZE=")]
    [InlineData("SIZE=12a")]
    [InlineData("SIZE")]
    [InlineData("SIZE=123456789012345678901")]
    [InlineData("BODY=9BIT")]
    [InlineData("BODY")]
    [InlineData("RET=ALL")]
    [InlineData("ENVID=")]
    [InlineData("ENVID=a=b")]
    [InlineData("ENVID=a+2")]
    [InlineData("ENVID=a+2g")]
    [InlineData("SMTPUTF8=yes")]
    [InlineData("AUTH=")]
    public void InvalidMailParameterValuesAreRefused(string parameter) =>
        Assert.Equal(CommandError.InvalidParameterValue, ParseHarness.Parse("MAIL FROM:<a@b.example> " + parameter).Error);

    [Fact]
    public void EnvidLongerThan100CharactersIsRefused() =>
        Assert.Equal(CommandError.InvalidParameterValue, ParseHarness.Parse("MAIL FROM:<a@b.example> ENVID=" + new string('x', 101)).Error);

    [Theory]
    [InlineData("SIZE=1 SIZE=2")]
    [InlineData("BODY=7BIT BODY=8BITMIME")]
    [InlineData("RET=FULL RET=HDRS")]
    [InlineData("ENVID=a ENVID=b")]
    [InlineData("SMTPUTF8 SMTPUTF8")]
    public void DuplicateMailParametersAreRefused(string parameters) =>
        Assert.Equal(CommandError.DuplicateParameter, ParseHarness.Parse("MAIL FROM:<a@b.example> " + parameters).Error);

    [Theory]
    [InlineData("MAIL FROM:<a@b.example> XFOO=1")]
    [InlineData("MAIL FROM:<a@b.example> NOTIFY=NEVER")]
    [InlineData("RCPT TO:<a@b.example> SIZE=1")]
    public void UnknownParametersAreRefusedWith555(string line) => Assert.Equal(CommandError.UnknownParameter, ParseHarness.Parse(line).Error);

    [Fact]
    public void RcptWithoutParameters()
    {
        var rcpt = ParseHarness.Parse("RCPT TO:<bob@example.net>").Rcpt!;
        Assert.Equal("bob@example.net", rcpt.Recipient.ToString());
        Assert.Equal(DsnNotify.Default, rcpt.Notify);
        Assert.Null(rcpt.OriginalRecipient);
    }

    [Fact]
    public void RcptToUnqualifiedPostmasterIsAccepted() => Assert.Equal("postmaster", ParseHarness.Parse("RCPT TO:<postmaster>").Rcpt!.Recipient.ToString());

    [Theory]
    [InlineData("NOTIFY=NEVER", DsnNotify.Never)]
    [InlineData("NOTIFY=SUCCESS,FAILURE", DsnNotify.Success | DsnNotify.Failure)]
    [InlineData("notify=delay,failure,success", DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay)]
    public void NotifyParameterIsParsed(string parameter, DsnNotify expected) =>
        Assert.Equal(expected, ParseHarness.Parse("RCPT TO:<b@c.example> " + parameter).Rcpt!.Notify);

    [Theory]
    [InlineData("NOTIFY=NEVER,SUCCESS")]
    [InlineData("NOTIFY=SOMETIMES")]
    [InlineData("NOTIFY=")]
    [InlineData("NOTIFY=SUCCESS,SUCCESS")]
    [InlineData("ORCPT=b@c.example")]
    [InlineData("ORCPT=;b@c.example")]
    [InlineData("ORCPT=rfc822;")]
    [InlineData("ORCPT=rfc822;a=b")]
    public void InvalidRcptParameterValuesAreRefused(string parameter) =>
        Assert.Equal(CommandError.InvalidParameterValue, ParseHarness.Parse("RCPT TO:<b@c.example> " + parameter).Error);

    [Fact]
    public void OrcptIsKeptAsReceived() =>
        Assert.Equal("rfc822;b+40c.example", ParseHarness.Parse("RCPT TO:<b@c.example> ORCPT=rfc822;b+40c.example").Rcpt!.OriginalRecipient);

    [Fact]
    public void DuplicateRcptParametersAreRefused() =>
        Assert.Equal(CommandError.DuplicateParameter, ParseHarness.Parse("RCPT TO:<b@c.example> NOTIFY=NEVER NOTIFY=NEVER").Error);

    [Theory]
    [InlineData("RCPT")]
    [InlineData("RCPT FROM:<a@b>")]
    [InlineData("RCPT TO:")]
    public void MalformedRcptIsRcptSyntax(string line) => Assert.Equal(CommandError.RcptSyntax, ParseHarness.Parse(line).Error);

    [Theory]
    [InlineData("RCPT TO:<>")]
    [InlineData("RCPT TO:<a..b@c>")]
    public void BadRecipientAddressesAreRefused(string line) => Assert.Equal(CommandError.BadRecipientAddress, ParseHarness.Parse(line).Error);

    [Theory]
    [InlineData("BDAT 0", 0L, false)]
    [InlineData("BDAT 1000 LAST", 1000L, true)]
    [InlineData("bdat 5 last", 5L, true)]
    public void BdatSizeAndLastAreParsed(string line, long size, bool last)
    {
        var command = ParseHarness.Parse(line);
        Assert.True(command.IsValid);
        Assert.Equal(size, command.ChunkSize);
        Assert.Equal(last, command.LastChunk);
    }

    [Theory]
    [InlineData("BDAT")]
    [InlineData("BDAT x")]
    [InlineData("BDAT -1")]
    [InlineData("BDAT 10 FIRST")]
    [InlineData("BDAT 1234567890123456789")]
    public void MalformedBdatIsBdatSyntax(string line) => Assert.Equal(CommandError.BdatSyntax, ParseHarness.Parse(line).Error);

    [Fact]
    public void AuthWithoutInitialResponse()
    {
        var command = ParseHarness.Parse("AUTH plain");
        Assert.Equal("PLAIN", command.Mechanism);
        Assert.Null(command.InitialResponse);
    }

    [Fact]
    public void AuthInitialResponseIsDecoded()
    {
        var command = ParseHarness.Parse("AUTH PLAIN " + Convert.ToBase64String(Encoding.ASCII.GetBytes("\0alice\0secret")));
        Assert.Equal(Encoding.ASCII.GetBytes("\0alice\0secret"), command.InitialResponse);
    }

    [Fact]
    public void AuthEqualsSignIsAnEmptyInitialResponse()
    {
        var command = ParseHarness.Parse("AUTH EXTERNAL =");
        Assert.True(command.IsValid);
        Assert.NotNull(command.InitialResponse);
        Assert.Empty(command.InitialResponse);
    }

    [Theory]
    [InlineData("AUTH PLAIN abc")]
    [InlineData("AUTH PLAIN ab!d")]
    [InlineData("AUTH PLAIN YWJj ZGVm")]
    public void AuthBadBase64IsReported(string line) => Assert.Equal(CommandError.AuthBadBase64, ParseHarness.Parse(line).Error);

    [Theory]
    [InlineData("AUTH")]
    [InlineData("AUTH ")]
    [InlineData("AUTH PL@IN")]
    [InlineData("AUTH ABCDEFGHIJKLMNOPQRSTU")]
    public void AuthWithoutAValidMechanismIsAuthSyntax(string line) => Assert.Equal(CommandError.AuthSyntax, ParseHarness.Parse(line).Error);
}
