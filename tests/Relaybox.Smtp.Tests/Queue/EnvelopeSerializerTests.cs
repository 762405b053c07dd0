using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Queue;

public sealed class EnvelopeSerializerTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 22, 10, 15, 30, 123, TimeSpan.FromHours(1));

    private static Envelope Sample => TemporaryQueue.SampleEnvelope(Received);

    private static Envelope RoundTrip(Envelope envelope) => EnvelopeSerializer.Read(EnvelopeSerializer.Write(envelope));

    [Fact]
    public void RoundTripKeepsEveryField()
    {
        EnvelopeAssert.Equal(Sample, RoundTrip(Sample));
    }

    [Fact]
    public void RoundTripKeepsOddCharacters()
    {
        var odd = Sample with
        {
            ReversePath = "\"john \\\"q\\\" smith %20=\"@example.com",
            Recipients =
            [
                new EnvelopeRecipient("\"a b\"@b\u00FCcher.example", DsnNotify.Success, "utf-8;b\u00FCcher+2B=x"),
                new EnvelopeRecipient("x=y%z@example.net", DsnNotify.Never, "rfc822;x=y%z@example.net"),
                new EnvelopeRecipient("\u7528\u6237@\u4F8B\u3048.jp", DsnNotify.Default, ""),
            ],
            SmtpUtf8 = true,
            EnvelopeId = "a+2Bb c\r\n%",
            AuthenticatedLogin = "login with spaces\tand tab",
            ClientAddress = "::ffff:192.168.1.20",
            HeloName = "[IPv6:::1] end\u0000",
        };

        EnvelopeAssert.Equal(odd, RoundTrip(odd));
    }

    [Fact]
    public void NullSenderAndAbsentOptionalFieldsRoundTrip()
    {
        var bounce = Sample with { ReversePath = "", EnvelopeId = null, AuthenticatedLogin = null, HeloName = "" };

        var read = RoundTrip(bounce);

        EnvelopeAssert.Equal(bounce, read);
        Assert.Null(read.EnvelopeId);
        Assert.Null(read.AuthenticatedLogin);
    }

    [Fact]
    public void EveryNotifyCombinationRoundTrips()
    {
        for (int flags = 0; flags < 16; flags++)
        {
            var notify = (DsnNotify)flags;
            var envelope = Sample with { Recipients = [new EnvelopeRecipient("a@example.net", notify, null)] };

            Assert.Equal(notify, RoundTrip(envelope).Recipients[0].Notify);
        }
    }

    [Theory]
    [InlineData(BodyType.SevenBit, DsnReturn.Unspecified)]
    [InlineData(BodyType.EightBitMime, DsnReturn.Full)]
    [InlineData(BodyType.BinaryMime, DsnReturn.Headers)]
    public void BodyTypeAndReturnRoundTrip(BodyType body, DsnReturn ret)
    {
        var read = RoundTrip(Sample with { Body = body, Return = ret });

        Assert.Equal(body, read.Body);
        Assert.Equal(ret, read.Return);
    }

    [Fact]
    public void FileIsAsciiTextWithOneFieldPerLineAndAnEndLine()
    {
        byte[] file = EnvelopeSerializer.Write(Sample with { HeloName = "h\u00E9lo with space" });
        string text = Encoding.ASCII.GetString(file);
        string[] lines = text.TrimEnd('\n').Split('\n');

        Assert.True(Ascii.IsValid(file));
        Assert.Equal("relaybox-envelope 1", lines[0]);
        Assert.Equal("end", lines[^1]);
        Assert.Contains("helo h%C3%A9lo%20with%20space", lines);
        Assert.Equal(2, lines.Count(l => l.StartsWith("rcpt ", StringComparison.Ordinal)));
    }

    [Fact]
    public void EnvelopeWithoutRecipientsCannotBeWritten()
    {
        Assert.Throws<ArgumentException>(() => EnvelopeSerializer.Write(Sample with { Recipients = [] }));
    }

    [Fact]
    public void EveryTruncationOfAValidFileIsReportedAsCorrupt()
    {
        byte[] file = EnvelopeSerializer.Write(Sample);

        for (int length = 0; length < file.Length; length++)
        {
            Assert.Throws<EnvelopeFormatException>(() => EnvelopeSerializer.Read(file.AsSpan(0, length)));
        }
    }

    public static TheoryData<string, string, string> Damages => new()
    {
        { "missing field", "client 192.168.1.20\n", "" },
        { "unknown field", "client 192.168.1.20\n", "client 192.168.1.20\ncolor blue\n" },
        { "duplicate field", "client 192.168.1.20\n", "client 192.168.1.20\nclient 10.0.0.1\n" },
        { "bad escape", "helo scanner.lan\n", "helo scan%G1ner\n" },
        { "short escape", "helo scanner.lan\n", "helo scanner%4\n" },
        { "escape that is not UTF-8", "helo scanner.lan\n", "helo scan%FFner\n" },
        { "text after end", "end\n", "end\nclient 1\n" },
        { "wrong version", "relaybox-envelope 1\n", "relaybox-envelope 2\n" },
        { "not an envelope", "relaybox-envelope 1\n", "hello 1\n" },
        { "bad date", "received-at 2026", "received-at 2O26" },
        { "bad notify", "notify=failure,delay", "notify=failure,sometimes" },
        { "repeated notify word", "notify=failure,delay", "notify=failure,failure" },
        { "recipient without address", " address=root\n", "\n" },
        { "unknown recipient token", " address=root\n", " address=root state=done\n" },
        { "carriage return", "smtputf8 no\n", "smtputf8 no\r\n" },
        { "bad boolean", "smtputf8 no\n", "smtputf8 maybe\n" },
        { "bad body", "body 8bitmime\n", "body 9bit\n" },
        { "line without value", "smtputf8 no\n", "smtputf8\n" },
        { "non-ASCII byte", "helo scanner.lan\n", "helo sc\u00E4nner.lan\n" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedFileIsReportedAsCorrupt(string damage, string original, string replacement)
    {
        string text = Encoding.ASCII.GetString(EnvelopeSerializer.Write(Sample));
        Assert.Contains(original, text);
        byte[] damaged = Encoding.UTF8.GetBytes(ReplaceFirst(text, original, replacement));

        var error = Assert.Throws<EnvelopeFormatException>(() => EnvelopeSerializer.Read(damaged));
        Assert.False(string.IsNullOrEmpty(error.Message), damage);
    }

    [Fact]
    public void FileWithoutRecipientsIsReportedAsCorrupt()
    {
        string text = Encoding.ASCII.GetString(EnvelopeSerializer.Write(Sample));
        string withoutRecipients = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("rcpt ", StringComparison.Ordinal)));

        var error = Assert.Throws<EnvelopeFormatException>(() => EnvelopeSerializer.Read(Encoding.ASCII.GetBytes(withoutRecipients)));
        Assert.Contains("no recipients", error.Message);
    }

    [Fact]
    public void CorruptionReportNamesTheLine()
    {
        string text = Encoding.ASCII.GetString(EnvelopeSerializer.Write(Sample));
        string damaged = text.Replace("smtputf8 no\n", "smtputf8 no\nbogus field\n", StringComparison.Ordinal);
        int expectedLine = Array.IndexOf(damaged.Split('\n'), "bogus field") + 1;

        var error = Assert.Throws<EnvelopeFormatException>(() => EnvelopeSerializer.Read(Encoding.ASCII.GetBytes(damaged)));

        Assert.Equal(expectedLine, error.LineNumber);
        Assert.Contains($"line {expectedLine}", error.Message);
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        int at = text.IndexOf(original, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + original.Length)..];
    }
}
