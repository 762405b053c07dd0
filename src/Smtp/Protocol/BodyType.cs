namespace Relaybox.Smtp.Protocol;

/// <summary>MAIL BODY= (RFC 6152 8BITMIME, RFC 3030 BINARYMIME).</summary>
public enum BodyType
{
    SevenBit,
    EightBitMime,
    BinaryMime,
}
