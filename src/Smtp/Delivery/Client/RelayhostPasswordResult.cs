namespace Relaybox.Smtp.Delivery.Client;

/// <summary>The relayhost credentials, or why there are none (a text safe to log: it never holds the password).</summary>
public sealed record RelayhostPasswordResult(UpstreamCredentials? Credentials, string? Error)
{
    public static RelayhostPasswordResult Problem(string error) => new(null, error);
}
