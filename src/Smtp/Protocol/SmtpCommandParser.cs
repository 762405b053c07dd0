using System.Buffers.Text;
using System.Text;

namespace Relaybox.Smtp.Protocol;

/// <summary>
/// Parses one command line (without its CRLF) into an <see cref="SmtpCommand"/>. Verbs are case-insensitive
/// (RFC 5321 section 2.4). Commands without arguments allocate nothing; the strings a command carries
/// (domain, addresses) are made only once the line is known to be valid.
/// </summary>
public static class SmtpCommandParser
{
    public static SmtpCommand Parse(ReadOnlySpan<byte> line)
    {
        if (ContainsControlCharacter(line))
        {
            return SmtpCommand.Failed(SmtpVerb.Unknown, CommandError.BadCharacter);
        }

        int space = line.IndexOf((byte)' ');
        var word = space < 0 ? line : line[..space];
        var argument = space < 0 ? ReadOnlySpan<byte>.Empty : line[(space + 1)..];
        var verb = Recognize(word);
        return verb switch
        {
            SmtpVerb.Unknown => SmtpCommand.Failed(SmtpVerb.Unknown, CommandError.UnknownCommand),
            SmtpVerb.Ehlo or SmtpVerb.Helo => ParseHelo(verb, argument),
            SmtpVerb.Mail => PathCommandParser.ParseMail(argument),
            SmtpVerb.Rcpt => PathCommandParser.ParseRcpt(argument),
            SmtpVerb.Bdat => ParseBdat(argument),
            SmtpVerb.Auth => ParseAuth(argument),
            SmtpVerb.Data or SmtpVerb.Rset or SmtpVerb.Quit or SmtpVerb.StartTls => NoArgument(verb, argument),
            // NOOP, HELP and VRFY take an argument that relaybox ignores (RFC 5321 sections 4.1.1.9, 4.1.1.8, 3.5.3).
            _ => new SmtpCommand { Verb = verb },
        };
    }

    /// <summary>NUL, bare CR, DEL and the like have no place in a command; a tab is tolerated as white space.</summary>
    private static bool ContainsControlCharacter(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if ((b < 32 && b != (byte)'\t') || b == 127)
            {
                return true;
            }
        }

        return false;
    }

    private static SmtpVerb Recognize(ReadOnlySpan<byte> word)
    {
        if (word.Length == 8)
        {
            return Ascii.EqualsIgnoreCase(word, "STARTTLS"u8) ? SmtpVerb.StartTls : SmtpVerb.Unknown;
        }

        if (word.Length != 4)
        {
            return SmtpVerb.Unknown;
        }

        // Fold the four letters to one upper-case integer and switch on it: no strings, no allocation.
        uint key = 0;
        foreach (byte b in word)
        {
            key = (key << 8) | (uint)(b is >= (byte)'a' and <= (byte)'z' ? b - 32 : b);
        }

        return key switch
        {
            0x45484C4F => SmtpVerb.Ehlo, // EHLO
            0x48454C4F => SmtpVerb.Helo, // HELO
            0x4D41494C => SmtpVerb.Mail, // MAIL
            0x52435054 => SmtpVerb.Rcpt, // RCPT
            0x44415441 => SmtpVerb.Data, // DATA
            0x42444154 => SmtpVerb.Bdat, // BDAT
            0x52534554 => SmtpVerb.Rset, // RSET
            0x4E4F4F50 => SmtpVerb.Noop, // NOOP
            0x51554954 => SmtpVerb.Quit, // QUIT
            0x56524659 => SmtpVerb.Vrfy, // VRFY
            0x48454C50 => SmtpVerb.Help, // HELP
            0x41555448 => SmtpVerb.Auth, // AUTH
            _ => SmtpVerb.Unknown,
        };
    }

    private static SmtpCommand NoArgument(SmtpVerb verb, ReadOnlySpan<byte> argument) =>
        argument.Trim((byte)' ').IsEmpty ? new SmtpCommand { Verb = verb } : SmtpCommand.Failed(verb, CommandError.UnexpectedArgument);

    private static SmtpCommand ParseHelo(SmtpVerb verb, ReadOnlySpan<byte> argument)
    {
        // RFC 5321 section 4.1.1.1: "EHLO" SP ( Domain / address-literal ). Clients send all sorts of names
        // (bare host names, IP addresses without brackets); like Postfix, relaybox only requires one word.
        var domain = argument.Trim((byte)' ');
        int end = domain.IndexOf((byte)' ');
        if (end >= 0)
        {
            domain = domain[..end];
        }

        if (domain.IsEmpty || domain.Length > MailboxAddress.MaxDomainLength)
        {
            return SmtpCommand.Failed(verb, CommandError.HeloSyntax);
        }

        // Non-ASCII bytes become '?': the name goes into a Received header and logs as ASCII.
        return new SmtpCommand { Verb = verb, Domain = Encoding.ASCII.GetString(domain) };
    }

    private static SmtpCommand ParseBdat(ReadOnlySpan<byte> argument)
    {
        // RFC 3030 section 2: "BDAT" SP chunk-size [ SP end-marker ], chunk-size = 1*DIGIT, end-marker = "LAST".
        int space = argument.IndexOf((byte)' ');
        var size = space < 0 ? argument : argument[..space];
        var rest = space < 0 ? ReadOnlySpan<byte>.Empty : argument[(space + 1)..];
        if (size.IsEmpty || size.Length > 18 || size.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0 ||
            !Utf8Parser.TryParse(size, out long chunkSize, out _))
        {
            return SmtpCommand.Failed(SmtpVerb.Bdat, CommandError.BdatSyntax);
        }

        bool last = false;
        if (!rest.IsEmpty)
        {
            if (!Ascii.EqualsIgnoreCase(rest, "LAST"u8))
            {
                return SmtpCommand.Failed(SmtpVerb.Bdat, CommandError.BdatSyntax);
            }

            last = true;
        }

        return new SmtpCommand { Verb = SmtpVerb.Bdat, ChunkSize = chunkSize, LastChunk = last };
    }

    private static SmtpCommand ParseAuth(ReadOnlySpan<byte> argument)
    {
        // RFC 4954 section 4: "AUTH" SP sasl-mech [SP initial-response]; sasl-mech = 1*20 upper/digit/"-"/"_".
        int space = argument.IndexOf((byte)' ');
        var name = space < 0 ? argument : argument[..space];
        var response = space < 0 ? ReadOnlySpan<byte>.Empty : argument[(space + 1)..];
        if (name.IsEmpty || name.Length > 20 || !IsMechanismName(name) || (space >= 0 && response.IsEmpty))
        {
            return SmtpCommand.Failed(SmtpVerb.Auth, CommandError.AuthSyntax);
        }

        string mechanism = Encoding.ASCII.GetString(name).ToUpperInvariant();
        if (space < 0)
        {
            return new SmtpCommand { Verb = SmtpVerb.Auth, Mechanism = mechanism };
        }

        if (!SaslBase64.TryDecode(response, out var decoded))
        {
            return new SmtpCommand { Verb = SmtpVerb.Auth, Mechanism = mechanism, Error = CommandError.AuthBadBase64 };
        }

        return new SmtpCommand { Verb = SmtpVerb.Auth, Mechanism = mechanism, InitialResponse = decoded };
    }

    private static bool IsMechanismName(ReadOnlySpan<byte> name)
    {
        foreach (byte b in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'-' || b == (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }
}
