namespace Relaybox.Appliance.Configuration.Options;

/// <summary>
/// [relay] relayhost. As in Postfix, "[host]" means "connect to this host" and plain "host" means "look up the
/// MX records of this domain first" (<see cref="LookUpMx"/>). The default port is 25, Postfix's.
/// </summary>
public sealed record RelayHostAddress(string Host, int Port, bool LookUpMx)
{
    public const int DefaultPort = 25;

    public override string ToString() => (LookUpMx ? Host : "[" + Host + "]") + ":" + Port;
}
