namespace Relaybox.Appliance.Console.Editing;

/// <summary>A user to add or give a new password (<paramref name="Password"/> set), or to delete (null).</summary>
public sealed record UserChange(string Login, string? Password)
{
    public bool IsDeletion => Password is null;

    // The password must never reach a log or the screen through the record's generated ToString.
    public override string ToString() => IsDeletion ? $"delete {Login}" : $"set {Login}";
}
