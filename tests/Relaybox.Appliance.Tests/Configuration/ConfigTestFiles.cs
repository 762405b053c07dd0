using System.Runtime.CompilerServices;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>Test resources read from the source tree, and scratch directories removed after each test.</summary>
internal sealed class ConfigTestFiles : IDisposable
{
    public ConfigTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "relaybox-config-tests-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>The configuration block of DESIGN.md, copied verbatim.</summary>
    public static string DesignExample() => File.ReadAllText(ResourcePath("design-example.ini"));

    public string Write(string name, string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover scratch directory in /tmp is harmless.
        }
    }

    private static string ResourcePath(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Resources", name);
}
