namespace Relaybox.Smtp.Protocol;

/// <summary>MAIL RET= of RFC 3461 section 4.3: how much of the message a DSN carries back.</summary>
public enum DsnReturn
{
    Unspecified,
    Full,
    Headers,
}
