using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Tests.Queue;

/// <summary>
/// The real file system with faults on demand. Every call that changes the disk is a numbered step (file
/// creation, each write, fsync, rename, directory fsync, delete). From step <see cref="CrashAtStep"/> on every
/// call throws <see cref="SimulatedCrashException"/>: the process is "dead", so even its clean-up attempts
/// fail, and what is on disk is what a crash at that point would leave. <see cref="SpaceLeft"/> makes
/// writes fail with ENOSPC once that many bytes have been written.
/// </summary>
internal sealed class FaultyFileSystem : IFileSystem
{
    private const int Enospc = 28;

    public int? CrashAtStep { get; init; }

    public long? SpaceLeft { get; set; }

    public int Steps { get; private set; }

    public bool Crashed { get; private set; }

    public List<string> Log { get; } = [];

    public FileStream CreateNew(string path, UnixFileMode mode)
    {
        Step($"create {Path.GetFileName(path)}");
        return new FaultyFileStream(this, path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            UnixCreateMode = mode,
            BufferSize = 0,
        });
    }

    public void FlushToDisk(FileStream stream)
    {
        Step($"fsync {Path.GetFileName(stream.Name)}");
        PhysicalFileSystem.Instance.FlushToDisk(stream);
    }

    public void Rename(string source, string destination)
    {
        Step($"rename {Path.GetFileName(source)} -> {Path.GetFileName(destination)}");
        PhysicalFileSystem.Instance.Rename(source, destination);
    }

    public void FlushDirectory(string directory)
    {
        Step($"fsync-dir {Path.GetFileName(directory)}");
        PhysicalFileSystem.Instance.FlushDirectory(directory);
    }

    public void Delete(string path)
    {
        Step($"delete {Path.GetFileName(path)}");
        PhysicalFileSystem.Instance.Delete(path);
    }

    private void Step(string description)
    {
        Steps++;
        Log.Add(description);
        if (Crashed || Steps >= CrashAtStep)
        {
            Crashed = true;
            throw new SimulatedCrashException(Steps, description);
        }
    }

    private void BeforeWrite(int count)
    {
        Step($"write {count}");
        if (SpaceLeft is { } left)
        {
            if (count > left)
            {
                throw new IOException("No space left on device", Enospc);
            }

            SpaceLeft = left - count;
        }
    }

    private sealed class FaultyFileStream(FaultyFileSystem owner, string path, FileStreamOptions options) : FileStream(path, options)
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            owner.BeforeWrite(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            owner.BeforeWrite(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            owner.BeforeWrite(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            owner.BeforeWrite(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override void WriteByte(byte value)
        {
            owner.BeforeWrite(1);
            base.WriteByte(value);
        }
    }
}
