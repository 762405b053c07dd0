using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Tests.Queue;

public sealed class PhysicalFileSystemTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "relaybox-fs-" + Guid.NewGuid().ToString("N"));

    public PhysicalFileSystemTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void PhysicalFileSystemCanFsyncADirectory()
    {
        PhysicalFileSystem.Instance.FlushDirectory(folder);
    }

    [Fact]
    public void TestFileSystemCanFsyncADirectory()
    {
        DirectoryFsyncFileSystem.Instance.FlushDirectory(folder);
    }

    [Fact]
    public void TestFileSystemReportsAMissingDirectory()
    {
        Assert.Throws<IOException>(() => DirectoryFsyncFileSystem.Instance.FlushDirectory(Path.Combine(folder, "absent")));
    }
}
