using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;

namespace Relaybox.Smtp.Server;

/// <summary>
/// The trace header relaybox prepends to each message (RFC 5321 section 4.4, RFC 5322 section 3.6.7):
/// <code>
/// Received: from helo ([192.0.2.7])
///         (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)
///         (authenticated as alice)
///         by relay.home.arpa (relaybox) with ESMTPSA id 0123ABC;
///         Sun, 22 Nov 2026 15:00:00 +0000
/// </code>
/// The with-type comes from RFC 3848 (ESMTP, ESMTPA, ESMTPS, ESMTPSA) and RFC 6531 section 3.7.3 (UTF8SMTP...).
/// </summary>
internal static class ReceivedHeader
{
    public static byte[] Build(
        string heloName,
        IPAddress client,
        string hostName,
        string queueId,
        bool extendedHello,
        bool smtpUtf8,
        SslProtocols? tlsProtocol,
        TlsCipherSuite tlsCipher,
        string? authenticatedLogin,
        bool showLogin,
        DateTimeOffset now)
    {
        var header = new StringBuilder(256);
        header.Append("Received: from ").Append(HeaderSafe(heloName)).Append(" (").Append(AddressLiteral(client)).Append(")\r\n");
        if (tlsProtocol is { } protocol)
        {
            header.Append("\t(using ").Append(ProtocolName(protocol)).Append(" with cipher ").Append(tlsCipher.ToString()).Append(")\r\n");
        }

        if (authenticatedLogin is not null && showLogin)
        {
            header.Append("\t(authenticated as ").Append(CommentSafe(authenticatedLogin)).Append(")\r\n");
        }

        header.Append("\tby ").Append(hostName).Append(" (relaybox) with ")
            .Append(WithType(extendedHello, smtpUtf8, tlsProtocol is not null, authenticatedLogin is not null))
            .Append(" id ").Append(queueId).Append(";\r\n\t")
            .Append(Rfc5322Date(now)).Append("\r\n");
        return Encoding.UTF8.GetBytes(header.ToString());
    }

    /// <summary>RFC 3848 section 2 and RFC 6531 section 3.7.3.</summary>
    public static string WithType(bool extendedHello, bool smtpUtf8, bool tls, bool authenticated)
    {
        if (!extendedHello)
        {
            return "SMTP";
        }

        return (smtpUtf8 ? "UTF8SMTP" : "ESMTP") + (tls ? "S" : string.Empty) + (authenticated ? "A" : string.Empty);
    }

    /// <summary>RFC 5322 section 3.3 date-time, e.g. "Sun, 22 Nov 2026 15:00:00 +0000".</summary>
    public static string Rfc5322Date(DateTimeOffset now)
    {
        var offset = now.Offset;
        string sign = offset < TimeSpan.Zero ? "-" : "+";
        offset = offset.Duration();
        return now.ToString("ddd, d MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + sign +
               offset.Hours.ToString("00", CultureInfo.InvariantCulture) + offset.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 5321 section 4.1.3 address literal: [192.0.2.7] or [IPv6:2001:db8::7].</summary>
    public static string AddressLiteral(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[IPv6:" + address + "]" : "[" + address + "]";
    }

    private static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
#pragma warning disable SYSLIB0039 // old versions are named only to report them
        SslProtocols.Tls11 => "TLSv1.1",
        SslProtocols.Tls => "TLSv1",
#pragma warning restore SYSLIB0039
        _ => protocol.ToString(),
    };

    /// <summary>
    /// The HELO name as the client sent it, made harmless for the header: only visible ASCII, no parentheses or
    /// backslashes that could open a comment and hide the rest of the trace line.
    /// </summary>
    private static string HeaderSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            safe.Append(c is > ' ' and < (char)127 and not '(' and not ')' and not '\\' ? c : '_');
        }

        return safe.ToString();
    }

    /// <summary>A login inside a comment: no line breaks, no parentheses or backslashes that would end it early.</summary>
    private static string CommentSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            safe.Append(c < 32 || c == 127 || c is '(' or ')' or '\\' ? '_' : c);
        }

        return safe.ToString();
    }

    internal static string TlsProtocolName(SslProtocols protocol) => ProtocolName(protocol);
}
