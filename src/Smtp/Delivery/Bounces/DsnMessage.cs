using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// A finished notice ready to queue: sent with the null reverse-path (RFC 5321 section 4.5.5, so that it can
/// never cause another bounce) to <paramref name="Recipient"/>. <paramref name="Body"/> is
/// <see cref="BodyType.EightBitMime"/> when the returned original carried 8-bit octets, which relaybox passes
/// on unchanged (RFC 2046 section 5.2.1 forbids re-encoding message/rfc822). <paramref name="RequiresSmtpUtf8"/>
/// is true when the recipient address is not ASCII: it then appears as UTF-8 in the To field (RFC 6532) and
/// can only be sent with SMTPUTF8 (RFC 6531).
/// </summary>
public sealed record DsnMessage(string ReversePath, string Recipient, string MessageId, BodyType Body, bool RequiresSmtpUtf8, byte[] Content);
