namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>The fields <see cref="HeaderFixer"/> added.</summary>
[Flags]
public enum HeaderFixes
{
    None = 0,
    AddedDate = 1,
    AddedMessageId = 2,
}
