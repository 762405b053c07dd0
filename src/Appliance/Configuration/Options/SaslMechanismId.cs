namespace Relaybox.Appliance.Configuration.Options;

/// <summary>The SASL mechanisms [auth] mechanisms can name; <see cref="ConfigWords.Mechanisms"/> has their IANA names.</summary>
public enum SaslMechanismId
{
    ScramSha256Plus,
    ScramSha256,
    ScramSha1,
    Plain,
    Login,
    CramMd5,
    DigestMd5,
}
