using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// The outcome for one recipient, with the reply that decided it (null when no reply did, e.g. a
/// connection failure) and a text for the queue log or the DSN's Diagnostic-Code.
/// </summary>
public sealed record RecipientResult(EnvelopeRecipient Recipient, RecipientOutcome Outcome, UpstreamReply? Reply, string Detail);
