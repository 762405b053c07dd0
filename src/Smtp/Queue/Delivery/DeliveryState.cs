namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>
/// The per-message delivery state kept in "&lt;id&gt;.state" beside the queue file (see
/// <see cref="QueueDirectory.StatePath"/>). Immutable: every change makes a new value, which the queue manager
/// writes with <see cref="DeliveryStateStore.Save"/> before acting on it.
/// </summary>
/// <param name="Attempts">Delivery attempts made so far (connections tried, whatever their outcome).</param>
/// <param name="FirstAttempt">When the first attempt started; null before it.</param>
/// <param name="LastAttempt">When the latest attempt started; null before the first.</param>
/// <param name="NextAttempt">When the message is due again; null means at once (a fresh message).</param>
/// <param name="DelayWarningSent">Whether the RFC 3464 "delayed" notice went out, so it is sent once only.</param>
/// <param name="HeldReason">Why the message is held (admin command, factory reset); null when it is not held.</param>
/// <param name="Recipients">One entry per envelope recipient, in envelope order.</param>
public sealed record DeliveryState(
    int Attempts,
    DateTimeOffset? FirstAttempt,
    DateTimeOffset? LastAttempt,
    DateTimeOffset? NextAttempt,
    bool DelayWarningSent,
    string? HeldReason,
    IReadOnlyList<RecipientState> Recipients)
{
    /// <summary>The state of a message nobody has tried yet: every recipient pending, due at once.</summary>
    public static DeliveryState Fresh(Envelope envelope) => new(
        Attempts: 0,
        FirstAttempt: null,
        LastAttempt: null,
        NextAttempt: null,
        DelayWarningSent: false,
        HeldReason: null,
        Recipients: [.. envelope.Recipients.Select(r => new RecipientState(r.Address, RecipientStatus.Pending))]);

    public bool IsHeld => HeldReason is not null;

    /// <summary>True when no recipient needs another attempt: the message can be bounced (if any failed) and removed.</summary>
    public bool IsComplete => Recipients.All(r => r.IsFinal);

    /// <summary>Envelope indexes of the recipients the next attempt should try (pending or deferred).</summary>
    public IReadOnlyList<int> UnfinishedRecipients() =>
        [.. Enumerable.Range(0, Recipients.Count).Where(i => !Recipients[i].IsFinal)];

    /// <summary>Counts a new attempt starting at <paramref name="now"/>.</summary>
    public DeliveryState StartAttempt(DateTimeOffset now) => this with
    {
        Attempts = Attempts + 1,
        FirstAttempt = FirstAttempt ?? now,
        LastAttempt = now,
    };

    /// <summary>Replaces the state of the recipient at <paramref name="index"/> (envelope order).</summary>
    public DeliveryState WithRecipient(int index, RecipientState recipient)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Recipients.Count);
        var recipients = Recipients.ToArray();
        recipients[index] = recipient;
        return this with { Recipients = recipients };
    }
}
