using System.Buffers.Text;
using System.Text;

namespace Relaybox.Smtp.Protocol;

/// <summary>
/// MAIL FROM and RCPT TO (RFC 5321 section 4.1.1.2-3) with the parameters relaybox supports:
/// SIZE (RFC 1870), BODY (RFC 6152, RFC 3030), SMTPUTF8 (RFC 6531), RET and ENVID (RFC 3461 section 4.3-4),
/// AUTH= (RFC 4954 section 5: accepted and ignored) on MAIL; NOTIFY and ORCPT (RFC 3461 section 4.1-2) on RCPT.
/// </summary>
internal static class PathCommandParser
{
    /// <summary>RFC 3461 section 4.4: ENVID is at most 100 characters.</summary>
    private const int MaxEnvelopeIdLength = 100;

    /// <summary>RFC 3461 section 4.2: ORCPT is at most 500 characters.</summary>
    private const int MaxOriginalRecipientLength = 500;

    public static SmtpCommand ParseMail(ReadOnlySpan<byte> argument)
    {
        if (!TrySplit(argument, "FROM:"u8, out var path, out var parameters))
        {
            return SmtpCommand.Failed(SmtpVerb.Mail, CommandError.MailSyntax);
        }

        long? size = null;
        var body = BodyType.SevenBit;
        bool smtpUtf8 = false, seenBody = false, seenAuth = false;
        var ret = DsnReturn.Unspecified;
        string? envelopeId = null;
        foreach (var range in parameters.Split((byte)' '))
        {
            var parameter = parameters[range];
            if (parameter.IsEmpty)
            {
                continue; // several spaces between parameters
            }

            SplitKeyword(parameter, out var keyword, out var value, out bool hasValue);
            CommandError error;
            if (Ascii.EqualsIgnoreCase(keyword, "SIZE"u8))
            {
                error = size is not null ? CommandError.DuplicateParameter : ParseSize(value, hasValue, out size);
            }
            else if (Ascii.EqualsIgnoreCase(keyword, "BODY"u8))
            {
                error = seenBody ? CommandError.DuplicateParameter : ParseBody(value, hasValue, out body);
                seenBody = true;
            }
            else if (Ascii.EqualsIgnoreCase(keyword, "SMTPUTF8"u8))
            {
                error = smtpUtf8 ? CommandError.DuplicateParameter : hasValue ? CommandError.InvalidParameterValue : CommandError.None;
                smtpUtf8 = true;
            }
            else if (Ascii.EqualsIgnoreCase(keyword, "RET"u8))
            {
                error = ret != DsnReturn.Unspecified ? CommandError.DuplicateParameter
                    : Ascii.EqualsIgnoreCase(value, "FULL"u8) ? Set(out ret, DsnReturn.Full)
                    : Ascii.EqualsIgnoreCase(value, "HDRS"u8) ? Set(out ret, DsnReturn.Headers)
                    : CommandError.InvalidParameterValue;
            }
            else if (Ascii.EqualsIgnoreCase(keyword, "ENVID"u8))
            {
                error = envelopeId is not null ? CommandError.DuplicateParameter
                    : !hasValue || value.IsEmpty || value.Length > MaxEnvelopeIdLength || !XText.IsValid(value) ? CommandError.InvalidParameterValue
                    : CommandError.None;
                envelopeId ??= error == CommandError.None ? Encoding.ASCII.GetString(value) : null;
            }
            else if (Ascii.EqualsIgnoreCase(keyword, "AUTH"u8))
            {
                // RFC 4954 section 5: the server may ignore AUTH=; relaybox relays on its own login, never the client's claim.
                error = seenAuth ? CommandError.DuplicateParameter
                    : !hasValue || value.IsEmpty || !(value.SequenceEqual("<>"u8) || XText.IsValid(value)) ? CommandError.InvalidParameterValue
                    : CommandError.None;
                seenAuth = true;
            }
            else
            {
                error = CommandError.UnknownParameter;
            }

            if (error != CommandError.None)
            {
                return SmtpCommand.Failed(SmtpVerb.Mail, error);
            }
        }

        MailboxAddress? sender = null;
        if (!path.SequenceEqual("<>"u8))
        {
            if (!MailboxAddress.TryParse(path, smtpUtf8, out sender, out var addressError))
            {
                return SmtpCommand.Failed(SmtpVerb.Mail, addressError == AddressError.NonAsciiWithoutSmtpUtf8 ? CommandError.NonAsciiAddress : CommandError.BadSenderAddress);
            }
        }

        return new SmtpCommand { Verb = SmtpVerb.Mail, Mail = new MailParameters(sender, size, body, smtpUtf8, ret, envelopeId) };
    }

    /// <summary>
    /// Parses RCPT. Whether non-ASCII is allowed depends on the transaction's MAIL SMTPUTF8 parameter, which
    /// the parser does not know: it accepts UTF-8 here and the session refuses it without SMTPUTF8.
    /// </summary>
    public static SmtpCommand ParseRcpt(ReadOnlySpan<byte> argument)
    {
        if (!TrySplit(argument, "TO:"u8, out var path, out var parameters))
        {
            return SmtpCommand.Failed(SmtpVerb.Rcpt, CommandError.RcptSyntax);
        }

        var notify = DsnNotify.Default;
        bool seenNotify = false;
        string? originalRecipient = null;
        foreach (var range in parameters.Split((byte)' '))
        {
            var parameter = parameters[range];
            if (parameter.IsEmpty)
            {
                continue;
            }

            SplitKeyword(parameter, out var keyword, out var value, out bool hasValue);
            CommandError error;
            if (Ascii.EqualsIgnoreCase(keyword, "NOTIFY"u8))
            {
                error = seenNotify ? CommandError.DuplicateParameter : ParseNotify(value, hasValue, out notify);
                seenNotify = true;
            }
            else if (Ascii.EqualsIgnoreCase(keyword, "ORCPT"u8))
            {
                error = originalRecipient is not null ? CommandError.DuplicateParameter
                    : !hasValue || !IsOriginalRecipient(value) ? CommandError.InvalidParameterValue
                    : CommandError.None;
                originalRecipient ??= error == CommandError.None ? Encoding.ASCII.GetString(value) : null;
            }
            else
            {
                error = CommandError.UnknownParameter;
            }

            if (error != CommandError.None)
            {
                return SmtpCommand.Failed(SmtpVerb.Rcpt, error);
            }
        }

        if (path.SequenceEqual("<>"u8) || !MailboxAddress.TryParse(path, allowUtf8: true, out var recipient, out _))
        {
            return SmtpCommand.Failed(SmtpVerb.Rcpt, CommandError.BadRecipientAddress);
        }

        return new SmtpCommand { Verb = SmtpVerb.Rcpt, Rcpt = new RcptParameters(recipient!, notify, originalRecipient) };
    }

    /// <summary>
    /// Splits "FROM:&lt;path&gt; params". Spaces after the colon are tolerated (Postfix does the same for broken
    /// clients); the path ends at the '&gt;' that closes it, outside a quoted local part.
    /// </summary>
    private static bool TrySplit(ReadOnlySpan<byte> argument, ReadOnlySpan<byte> prefix, out ReadOnlySpan<byte> path, out ReadOnlySpan<byte> parameters)
    {
        path = parameters = default;
        if (argument.Length < prefix.Length || !Ascii.EqualsIgnoreCase(argument[..prefix.Length], prefix))
        {
            return false;
        }

        var rest = argument[prefix.Length..].TrimStart((byte)' ');
        if (rest.IsEmpty)
        {
            return false;
        }

        int end;
        if (rest[0] == (byte)'<')
        {
            end = ClosingBracket(rest);
            if (end < 0)
            {
                return false;
            }

            end++;
        }
        else
        {
            end = rest.IndexOf((byte)' ');
            end = end < 0 ? rest.Length : end;
        }

        path = rest[..end];
        parameters = rest[end..];
        return parameters.IsEmpty || parameters[0] == (byte)' ';
    }

    private static int ClosingBracket(ReadOnlySpan<byte> text)
    {
        bool quoted = false;
        for (int i = 1; i < text.Length; i++)
        {
            byte b = text[i];
            if (quoted && b == (byte)'\\')
            {
                i++;
            }
            else if (b == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b == (byte)'>')
            {
                return i;
            }
        }

        return -1;
    }

    private static void SplitKeyword(ReadOnlySpan<byte> parameter, out ReadOnlySpan<byte> keyword, out ReadOnlySpan<byte> value, out bool hasValue)
    {
        int equals = parameter.IndexOf((byte)'=');
        hasValue = equals >= 0;
        keyword = hasValue ? parameter[..equals] : parameter;
        value = hasValue ? parameter[(equals + 1)..] : default;
    }

    private static CommandError Set<T>(out T target, T value)
    {
        target = value;
        return CommandError.None;
    }

    private static CommandError ParseSize(ReadOnlySpan<byte> value, bool hasValue, out long? size)
    {
        // RFC 1870 section 6: size-value ::= 1*20DIGIT. Values beyond long saturate: they exceed any limit anyway.
        size = null;
        if (!hasValue || value.IsEmpty || value.Length > 20 || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return CommandError.InvalidParameterValue;
        }

        size = Utf8Parser.TryParse(value, out long parsed, out int used) && used == value.Length ? parsed : long.MaxValue;
        return CommandError.None;
    }

    private static CommandError ParseBody(ReadOnlySpan<byte> value, bool hasValue, out BodyType body)
    {
        body = BodyType.SevenBit;
        if (!hasValue)
        {
            return CommandError.InvalidParameterValue;
        }

        if (Ascii.EqualsIgnoreCase(value, "7BIT"u8))
        {
            return CommandError.None;
        }

        if (Ascii.EqualsIgnoreCase(value, "8BITMIME"u8))
        {
            body = BodyType.EightBitMime;
            return CommandError.None;
        }

        if (Ascii.EqualsIgnoreCase(value, "BINARYMIME"u8))
        {
            body = BodyType.BinaryMime;
            return CommandError.None;
        }

        return CommandError.InvalidParameterValue;
    }

    private static CommandError ParseNotify(ReadOnlySpan<byte> value, bool hasValue, out DsnNotify notify)
    {
        // RFC 3461 section 4.1: "NEVER" alone, or a comma list of SUCCESS, FAILURE, DELAY.
        notify = DsnNotify.Default;
        if (!hasValue || value.IsEmpty)
        {
            return CommandError.InvalidParameterValue;
        }

        foreach (var range in value.Split((byte)','))
        {
            var item = value[range];
            DsnNotify flag = Ascii.EqualsIgnoreCase(item, "NEVER"u8) ? DsnNotify.Never
                : Ascii.EqualsIgnoreCase(item, "SUCCESS"u8) ? DsnNotify.Success
                : Ascii.EqualsIgnoreCase(item, "FAILURE"u8) ? DsnNotify.Failure
                : Ascii.EqualsIgnoreCase(item, "DELAY"u8) ? DsnNotify.Delay
                : DsnNotify.Default;
            if (flag == DsnNotify.Default || (notify & flag) != 0)
            {
                return CommandError.InvalidParameterValue;
            }

            notify |= flag;
        }

        return (notify & DsnNotify.Never) != 0 && notify != DsnNotify.Never ? CommandError.InvalidParameterValue : CommandError.None;
    }

    private static bool IsOriginalRecipient(ReadOnlySpan<byte> value)
    {
        // RFC 3461 section 4.2: orcpt-parameter = "ORCPT=" original-recipient-address,
        // original-recipient-address = addr-type ";" xtext; addr-type is an atom such as "rfc822".
        int semicolon = value.IndexOf((byte)';');
        if (semicolon <= 0 || value.Length > MaxOriginalRecipientLength)
        {
            return false;
        }

        foreach (byte b in value[..semicolon])
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'-'))
            {
                return false;
            }
        }

        var address = value[(semicolon + 1)..];
        return !address.IsEmpty && XText.IsValid(address);
    }
}
