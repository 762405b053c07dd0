namespace Relaybox.Smtp.Storage;

/// <summary>
/// The one way relaybox replaces a file: write a temporary file in the same directory, fsync it, rename it
/// over the target, fsync the directory. A crash at any point leaves either the old or the new file whole.
/// </summary>
public sealed class SafeFile(IFileSystem fileSystem)
{
    public static SafeFile Default { get; } = new(PhysicalFileSystem.Instance);

    public void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} has no directory", nameof(path));
        string temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            using (var stream = fileSystem.CreateNew(temporary, mode))
            {
                stream.Write(content);
                fileSystem.FlushToDisk(stream);
            }

            fileSystem.Rename(temporary, full);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        fileSystem.FlushDirectory(directory);
    }

    private void TryDelete(string path)
    {
        try
        {
            fileSystem.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more; a stray ".tmp" is harmless and ignored by readers.
        }
    }
}
