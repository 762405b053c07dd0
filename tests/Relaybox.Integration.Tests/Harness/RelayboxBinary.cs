namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// Which relaybox executable the tests start: RELAYBOX_BINARY (the test script points it at the native-AOT
/// publish output for the end-to-end run), else the apphost built next to this test assembly's sources.
/// </summary>
public static class RelayboxBinary
{
    /// <summary>The checkout these tests were built from (for files such as image/openssl-legacy.cnf).</summary>
    public static string RepositoryRoot { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    // After RepositoryRoot: static initialisers run in textual order.
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        string? configured = Environment.GetEnvironmentVariable("RELAYBOX_BINARY");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"RELAYBOX_BINARY={configured} does not exist");
        }

        // tests/Relaybox.Integration.Tests/bin/<Configuration>/net10.0 → src/Appliance/bin/<Configuration>/net10.0/relaybox
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        string configuration = output.Parent!.Name;
        string candidate = System.IO.Path.Combine(RepositoryRoot, "src", "Appliance", "bin", configuration, "net10.0", "relaybox");
        return File.Exists(candidate) ? candidate : throw new FileNotFoundException($"relaybox binary not found at {candidate}; build src/Appliance first");
    }
}
