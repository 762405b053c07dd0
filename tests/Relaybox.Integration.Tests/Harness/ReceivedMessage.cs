namespace Relaybox.Integration.Tests.Harness;

/// <summary>One message as the upstream sink received it.</summary>
public sealed record ReceivedMessage(
    string MailFrom,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> MailOptions,
    byte[] Content,
    bool Tls,
    string? Login,
    DateTimeOffset ReceivedAt);
