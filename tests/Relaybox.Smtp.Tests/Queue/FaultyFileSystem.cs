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
        DirectoryFsyncFileSystem.Instance.FlushToDisk(stream);
    }

    public void Rename(string source, string destination)
    {
        Step($"rename {Path.GetFileName(source)} -> {Path.GetFileName(destination)}");
        DirectoryFsyncFileSystem.Instance.Rename(source, destination);
    }

    public void FlushDirectory(string directory)
    {
        Step($"fsync-dir {Path.GetFileName(directory)}");
        DirectoryFsyncFileSystem.Instance.FlushDirectory(directory);
    }

    public void Delete(string path)
    {
        Step($"delete {Path.GetFileName(path)}");
        DirectoryFsyncFileSystem.Instance.Delete(path);
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

    /// <summary>
    /// Counts each write once: FileStream's own implementations call one another (WriteAsync may end in
    /// Write, or the reverse), so only the outermost call is a step, and each override calls the base
    /// method of its own shape.
    /// </summary>
    private sealed class FaultyFileStream(FaultyFileSystem owner, string path, FileStreamOptions options) : FileStream(path, options)
    {
        private int depth;

        public override void Write(byte[] buffer, int offset, int count)
        {
            Enter(count);
            try
            {
                base.Write(buffer, offset, count);
            }
            finally
            {
                depth--;
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Enter(buffer.Length);
            try
            {
                base.Write(buffer);
            }
            finally
            {
                depth--;
            }
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Enter(count);
            try
            {
                await base.WriteAsync(buffer, offset, count, cancellationToken);
            }
            finally
            {
                depth--;
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Enter(buffer.Length);
            try
            {
                await base.WriteAsync(buffer, cancellationToken);
            }
            finally
            {
                depth--;
            }
        }

        public override void WriteByte(byte value)
        {
            Enter(1);
            try
            {
                base.WriteByte(value);
            }
            finally
            {
                depth--;
            }
        }

        private void Enter(int count)
        {
            if (depth == 0)
            {
                owner.BeforeWrite(count);
            }

            depth++;
        }
    }
}
