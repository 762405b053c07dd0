namespace Relaybox.Appliance.Console.Setup;

/// <summary>How relaybox talks TLS to its smarthost, in the words providers' help pages use.</summary>
public enum SmarthostTls
{
    /// <summary>Plain connection upgraded with STARTTLS, required and verified (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte, "SSL/TLS" in providers' pages (port 465): tls_wrappermode = yes.</summary>
    ImplicitTls,

    /// <summary>No TLS: only for an upstream on the owner's own network.</summary>
    None,
}
