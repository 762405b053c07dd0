using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// What the SMTP transaction said about a message, stored beside its content in the queue.
/// <paramref name="ReversePath"/> is the MAIL FROM address without angle brackets ("" for the null sender).
/// </summary>
public sealed record Envelope(
    string ReversePath,
    IReadOnlyList<EnvelopeRecipient> Recipients,
    BodyType Body,
    bool SmtpUtf8,
    DsnReturn Return,
    string? EnvelopeId,
    string? AuthenticatedLogin,
    string ClientAddress,
    string HeloName,
    DateTimeOffset ReceivedAt);
