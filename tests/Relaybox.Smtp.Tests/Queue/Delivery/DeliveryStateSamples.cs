using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Tests.Queue.Delivery;

/// <summary>States used by several tests: one of every recipient status, attempts made, a delay warning sent.</summary>
internal static class DeliveryStateSamples
{
    public static readonly DateTimeOffset Arrival = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static DeliveryState Mixed() => new(
        Attempts: 3,
        FirstAttempt: Arrival.AddSeconds(1),
        LastAttempt: new DateTimeOffset(2026, 11, 22, 11, 30, 0, 250, TimeSpan.FromHours(1)),
        NextAttempt: Arrival.AddMinutes(90).AddTicks(1),
        DelayWarningSent: true,
        HeldReason: null,
        Recipients:
        [
            new RecipientState("bob@example.net", RecipientStatus.Delivered, 250, "2.0.0", "Ok: queued as 4Bz", "smtp.example.net"),
            new RecipientState("carol@example.org", RecipientStatus.Deferred, 451, "4.7.1", "Greylisted, try again later", "mx1.example.org"),
            new RecipientState("dave@example.com", RecipientStatus.Failed, 550, "5.1.1", "No such user", "mx.example.com", BounceSent: true),
            new RecipientState("root", RecipientStatus.Pending),
        ]);
}
