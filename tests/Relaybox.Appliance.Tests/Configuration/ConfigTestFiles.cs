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

    /// <summary>
    /// A file of the source tree, by its path from the repository root: found next to this source file, or, when the
    /// build mapped source paths away, by walking up from the test binaries.
    /// </summary>
    public static string SourceFile(string pathFromRoot, [CallerFilePath] string thisFile = "")
    {
        string besideThisFile = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "../../..", pathFromRoot));
        if (File.Exists(besideThisFile))
        {
            return besideThisFile;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, pathFromRoot);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{pathFromRoot} not found in the source tree");
    }

    private static string ResourcePath(string name) =>
        SourceFile("tests/Relaybox.Appliance.Tests/Configuration/Resources/" + name);
}
