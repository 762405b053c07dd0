namespace Relaybox.Smtp.Delivery.Client;

/// <summary>The one login relaybox holds for its upstream. <see cref="ToString"/> never shows the password.</summary>
public sealed record UpstreamCredentials(string Login, string Password)
{
    public override string ToString() => $"UpstreamCredentials {{ Login = {Login} }}";
}
