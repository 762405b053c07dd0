namespace Relaybox.Smtp.Delivery.Client;

/// <summary>Where and how to deliver: a smarthost (relayhost) or one MX host.</summary>
public sealed record SmtpUpstream(string Host, int Port)
{
    /// <summary>The name relaybox gives in EHLO/HELO ([server] hostname).</summary>
    public string HeloName { get; init; } = "localhost";

    public TlsPolicy Tls { get; init; } = new();

    /// <summary>Null: no AUTH.</summary>
    public UpstreamCredentials? Credentials { get; init; }

    public ClientTimeouts Timeouts { get; init; } = ClientTimeouts.Default;
}
