namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>The step of the smarthost connection test that failed, in the order they run.</summary>
public enum ProbeStage
{
    /// <summary>Nothing failed.</summary>
    None,

    /// <summary>The smarthost's name could not be turned into an address.</summary>
    Dns,

    /// <summary>No address accepted a TCP connection (refused, timed out, unreachable).</summary>
    Connect,

    /// <summary>Connected, but the server's greeting was missing or not 220.</summary>
    Greeting,

    /// <summary>EHLO (and the HELO fallback) refused, or no answer to it.</summary>
    Ehlo,

    /// <summary>TLS could not be set up: STARTTLS missing or refused, or the handshake failed.</summary>
    Tls,

    /// <summary>The handshake worked, but the server's certificate was not accepted (trust, name, pin).</summary>
    Certificate,

    /// <summary>The login was refused, or no login method fits.</summary>
    Auth,
}
