namespace Relaybox.Appliance.Configuration.Options;

/// <summary>[queue]: retry schedule and how long a message may wait before it bounces.</summary>
public sealed record QueueSection(TimeSpan MaxLifetime, TimeSpan MinBackoff, TimeSpan MaxBackoff);
