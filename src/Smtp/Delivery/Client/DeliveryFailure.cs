namespace Relaybox.Smtp.Delivery.Client;

/// <summary>Why an attempt ended before the upstream judged each recipient. <see cref="None"/>: it did.</summary>
public enum DeliveryFailure
{
    None,
    ConnectFailed,
    Timeout,
    ConnectionLost,

    /// <summary>A malformed, overlong or unexpected reply.</summary>
    ProtocolViolation,

    /// <summary>The greeting was not 220 (RFC 5321 section 3.1: 554 means no service here).</summary>
    GreetingRefused,

    /// <summary>Neither EHLO nor HELO was accepted.</summary>
    HeloRefused,

    /// <summary>TLS could not be set up as the policy requires; see <see cref="DeliveryResult.TlsFailure"/>.</summary>
    Tls,

    /// <summary>AUTH did not succeed; see <see cref="DeliveryResult.Auth"/>.</summary>
    Authentication,

    /// <summary>MAIL FROM was refused.</summary>
    MailRefused,

    /// <summary>The message is larger than the upstream's announced SIZE (RFC 1870 section 6): refused before MAIL.</summary>
    MessageTooLarge,

    /// <summary>The envelope needs SMTPUTF8 and the upstream lacks it (RFC 6531 section 3.4): a permanent failure.</summary>
    SmtpUtf8Unsupported,

    /// <summary>BODY=BINARYMIME needs BDAT (RFC 3030), which this client does not speak.</summary>
    BinaryMimeUnsupported,
}
