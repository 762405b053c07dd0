namespace Relaybox.Appliance.Hosting;

/// <summary>A certificate or key that cannot be used; the message tells the owner what to do.</summary>
public sealed class CertificateException(string message) : Exception(message);
