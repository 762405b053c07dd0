using System.Globalization;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// The line structure shared by relaybox's queue text files (envelope, delivery state): a "magic version"
/// first line, "name value" records, and a final "end" line that proves the file was written whole.
/// Subclasses interpret the records; every problem is reported with its line number.
/// </summary>
internal abstract class VersionedRecordReader<T>(string text, string magic, int version, string kind)
{
    /// <summary>The line being read (1-based); 0 for a problem with the file as a whole.</summary>
    protected int LineNumber { get; private set; }

    public T Read()
    {
        if (text.Length == 0 || text[^1] != '\n')
        {
            LineNumber = 0;
            throw Corrupt("file does not end with a line end (truncated?)");
        }

        string[] lines = text[..^1].Split('\n');
        ReadVersion(lines[0]);
        bool ended = false;
        for (LineNumber = 2; LineNumber <= lines.Length; LineNumber++)
        {
            string line = lines[LineNumber - 1];
            if (ended)
            {
                throw Corrupt("text after the end line");
            }

            if (line == "end")
            {
                ended = true;
                continue;
            }

            int space = line.IndexOf(' ');
            if (space <= 0)
            {
                throw Corrupt("expected \"name value\"");
            }

            ReadRecord(line[..space], line[(space + 1)..]);
        }

        LineNumber = 0;
        if (!ended)
        {
            throw Corrupt("no end line (truncated?)");
        }

        return Build();
    }

    /// <summary>One "name value" line.</summary>
    protected abstract void ReadRecord(string name, string value);

    /// <summary>The value once every line was read; checks what must be present.</summary>
    protected abstract T Build();

    /// <summary>The format's own exception for a problem at <see cref="LineNumber"/>.</summary>
    protected abstract FormatException Corrupt(string message);

    private void ReadVersion(string line)
    {
        LineNumber = 1;
        string prefix = magic + " ";
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw Corrupt($"not a relaybox {kind} file");
        }

        if (line != prefix + version.ToString(CultureInfo.InvariantCulture))
        {
            throw Corrupt($"unsupported {kind} version \"{line[prefix.Length..]}\"");
        }
    }
}
