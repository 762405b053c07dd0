namespace Relaybox.Appliance.Control;

/// <summary>Where the daemon listens for control requests: one socket file in the data directory (mode 0700, so only relaybox's user reaches it).</summary>
public static class ControlSocket
{
    public const string FileName = "control";

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);
}
