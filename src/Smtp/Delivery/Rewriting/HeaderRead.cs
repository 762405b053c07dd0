namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// The result of reading a message's header section. With a <see cref="Section"/>, <see cref="Rest"/> is the
/// content after it (the body, untouched). When the header section is larger than the limit,
/// <see cref="Section"/> is null and <see cref="Rest"/> replays the whole content unchanged.
/// </summary>
public sealed record HeaderRead(HeaderSection? Section, Stream Rest)
{
    public bool IsOversized => Section is null;
}
