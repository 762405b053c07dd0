using Relaybox.Smtp.Relay;

namespace Relaybox.Appliance.Configuration.Options;

/// <summary>The words each enumerated key accepts, and the word each value is written as.</summary>
public static class ConfigWords
{
    public static WordTable<RestrictionKind> Restrictions { get; } = new(
    [
        ("permit_mynetworks", RestrictionKind.PermitMynetworks),
        ("permit_sasl_authenticated", RestrictionKind.PermitSaslAuthenticated),
        ("reject_unauth_destination", RestrictionKind.RejectUnauthDestination),
        ("reject_sender_login_mismatch", RestrictionKind.RejectSenderLoginMismatch),
        ("reject", RestrictionKind.Reject),
        ("permit", RestrictionKind.Permit),
    ]);

    public static WordTable<SaslMechanismId> Mechanisms { get; } = new(
    [
        ("SCRAM-SHA-256-PLUS", SaslMechanismId.ScramSha256Plus),
        ("SCRAM-SHA-256", SaslMechanismId.ScramSha256),
        ("SCRAM-SHA-1", SaslMechanismId.ScramSha1),
        ("PLAIN", SaslMechanismId.Plain),
        ("LOGIN", SaslMechanismId.Login),
        ("CRAM-MD5", SaslMechanismId.CramMd5),
        ("DIGEST-MD5", SaslMechanismId.DigestMd5),
    ]);

    public static WordTable<SaslSecurityOptions> SecurityOptions { get; } = new(
    [
        ("noanonymous", SaslSecurityOptions.NoAnonymous),
        ("noplaintext", SaslSecurityOptions.NoPlaintext),
    ]);

    public static WordTable<TlsSecurityLevel> TlsSecurityLevels { get; } = new(
    [
        ("none", TlsSecurityLevel.None),
        ("may", TlsSecurityLevel.May),
        ("encrypt", TlsSecurityLevel.Encrypt),
        ("verify", TlsSecurityLevel.Verify),
        ("secure", TlsSecurityLevel.Secure),
    ]);

    public static WordTable<TlsVersion> TlsVersions { get; } = new(
    [
        ("1.0", TlsVersion.Tls10),
        ("1.1", TlsVersion.Tls11),
        ("1.2", TlsVersion.Tls12),
    ]);

    public static WordTable<RelayboxLogLevel> LogLevels { get; } = new(
    [
        ("debug", RelayboxLogLevel.Debug),
        ("info", RelayboxLogLevel.Info),
        ("warning", RelayboxLogLevel.Warning),
        ("error", RelayboxLogLevel.Error),
    ]);
}
