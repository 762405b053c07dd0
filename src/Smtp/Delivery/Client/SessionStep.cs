namespace Relaybox.Smtp.Delivery.Client;

/// <summary>The step a client session has begun; where it stops tells what failed (the connection test reports it).</summary>
internal enum SessionStep
{
    Connect,
    Greeting,
    Hello,
    Tls,
    Auth,

    /// <summary>Everything before MAIL is done.</summary>
    Ready,
}
