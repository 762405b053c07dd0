using System.Text;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>PLAIN (RFC 4616): authzid NUL authcid NUL password, sent as the initial response.</summary>
public sealed class PlainClient(UpstreamCredentials credentials) : SaslClientMechanism
{
    public override string Name => "PLAIN";

    public override bool SendsPasswordInClear => true;

    // The authorization identity stays empty: act as the login itself (RFC 4616 section 2).
    public override byte[]? InitialResponse() => Encoding.UTF8.GetBytes("\0" + credentials.Login + "\0" + credentials.Password);

    /// <summary>A challenge after the initial response is a server error: PLAIN has one step.</summary>
    public override byte[]? Respond(ReadOnlySpan<byte> challenge) => challenge.IsEmpty ? InitialResponse() : null;
}
