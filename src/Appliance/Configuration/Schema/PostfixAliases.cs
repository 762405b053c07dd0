namespace Relaybox.Appliance.Configuration.Schema;

/// <summary>
/// Postfix parameter names a tutorial reader is likely to type, mapped to relaybox keys: every key's own
/// <see cref="ConfigKey.PostfixName"/> plus the parameters whose job another key does.
/// </summary>
public static class PostfixAliases
{
    private static readonly PostfixAlias[] Extra =
    [
        new("smtpd_sasl_auth_enable", ConfigSchema.Mechanisms, "relaybox offers AUTH whenever [auth] mechanisms is not empty"),
        new("smtp_sasl_auth_enable", ConfigSchema.SaslPasswordFile, "relaybox authenticates to the relayhost when sasl_password_file is set"),
        new("smtpd_recipient_restrictions", ConfigSchema.Restrictions, null),
        new("smtpd_tls_chain_files", ConfigSchema.TlsCert, "the cert file holds the whole chain; the key goes in [tls] key"),
        new("queue_directory", ConfigSchema.DataDir, "the queue lives in data_dir/queue"),
        new("smtpd_sasl_type", ConfigSchema.UsersFile, "relaybox checks passwords itself, against its users file"),
        new("smtpd_sasl_path", ConfigSchema.UsersFile, "relaybox checks passwords itself, against its users file"),
        new("smtp_tls_cert_fingerprint", ConfigSchema.TlsFingerprint, null),
        new("smtpd_timeout", ConfigSchema.CommandTimeout, null),
        new("smtp_destination_concurrency_limit", ConfigSchema.DestinationConcurrency, null),
        new("defer_transports", ConfigSchema.Deliver, "relaybox keeps all mail in the queue with [queue] deliver = no"),
        new("sender_canonical_maps", ConfigSchema.SenderMap, "relaybox rewrites device senders at delivery with [rewrite] sender_map"),
        new("mydestination", ConfigSchema.LocalDomains, "relaybox delivers nothing locally: root and postmaster at local_domains go to [rewrite] admin"),
    ];

    public static IReadOnlyList<PostfixAlias> All { get; } = ConfigSchema.Keys
        .Where(k => k.PostfixName is not null)
        .Select(k => new PostfixAlias(k.PostfixName!, k, null))
        .Concat(Extra)
        .DistinctBy(a => a.PostfixName, StringComparer.OrdinalIgnoreCase)
        .ToArray();

    public static PostfixAlias? Find(string name) =>
        All.FirstOrDefault(a => string.Equals(a.PostfixName, name, StringComparison.OrdinalIgnoreCase));
}
