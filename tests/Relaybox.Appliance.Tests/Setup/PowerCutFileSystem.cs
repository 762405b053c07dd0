using Microsoft.Win32.SafeHandles;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Setup;

/// <summary>
/// The real file system until the n-th change (create, rename, delete), which fails as a power cut would:
/// that change and every later call do not happen.
/// </summary>
internal sealed class PowerCutFileSystem(int changesBeforeCut) : IFileSystem
{
    private int changes;

    public bool PowerLost { get; private set; }

    /// <summary>Changes made (or attempted) so far.</summary>
    public int Changes => changes;

    public FileStream CreateNew(string path, UnixFileMode mode)
    {
        Change();
        return PhysicalFileSystem.Instance.CreateNew(path, mode);
    }

    public void FlushToDisk(FileStream stream)
    {
        Alive();
        PhysicalFileSystem.Instance.FlushToDisk(stream);
    }

    public void Rename(string source, string destination)
    {
        Change();
        PhysicalFileSystem.Instance.Rename(source, destination);
    }

    public void FlushDirectory(string directory)
    {
        Alive();
        PhysicalFileSystem.Instance.FlushDirectory(directory);
    }

    public void Delete(string path)
    {
        Change();
        PhysicalFileSystem.Instance.Delete(path);
    }

    private void Change()
    {
        Alive();
        if (++changes > changesBeforeCut)
        {
            PowerLost = true;
            throw new IOException("simulated power cut");
        }
    }

    private void Alive()
    {
        if (PowerLost)
        {
            throw new IOException("simulated power cut");
        }
    }
}
