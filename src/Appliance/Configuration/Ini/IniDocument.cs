using System.Text;

namespace Relaybox.Appliance.Configuration.Ini;

/// <summary>
/// An INI file as its lines: comments, blank lines and order kept, so that errors point at file:line and
/// <see cref="Set"/> edits one value in place while the owner's comments stay. Serialising an unchanged
/// document (<see cref="ToString"/>) gives back the exact text it was parsed from. Sections and keys are
/// matched case-insensitively, as Microsoft.Extensions.Configuration does.
/// </summary>
public sealed class IniDocument
{
    /// <summary>relaybox.ini is a few kilobytes; the bound keeps a wrong file (a log, a binary) from eating memory.</summary>
    public const int MaxLines = 10_000;

    private readonly List<IniLine> lines;

    private IniDocument(string fileName, List<IniLine> lines)
    {
        FileName = fileName;
        this.lines = lines;
    }

    /// <summary>The name diagnostics use, normally the path the text came from.</summary>
    public string FileName { get; }

    public IReadOnlyList<IniLine> Lines => lines;

    /// <summary>Every "key = value" line, in file order.</summary>
    public IEnumerable<IniLine> Entries => lines.Where(l => l.Kind == IniLineKind.KeyValue);

    /// <summary>Every section header line, in file order.</summary>
    public IEnumerable<IniLine> SectionHeaders => lines.Where(l => l.Kind == IniLineKind.Section);

    public static IniDocument Parse(string text, string fileName)
    {
        var parsed = new List<IniLine>();
        string section = "";
        int position = 0;
        while (position < text.Length && parsed.Count < MaxLines)
        {
            int newline = text.IndexOf('\n', position);
            string line, terminator;
            if (newline < 0)
            {
                line = text[position..];
                terminator = "";
                position = text.Length;
            }
            else
            {
                bool crlf = newline > position && text[newline - 1] == '\r';
                line = text[position..(crlf ? newline - 1 : newline)];
                terminator = crlf ? "\r\n" : "\n";
                position = newline + 1;
            }

            IniLine parsedLine = IniLineParser.Parse(line, terminator, parsed.Count + 1, section);
            if (parsedLine.Kind == IniLineKind.Section)
            {
                section = parsedLine.Section;
            }

            parsed.Add(parsedLine);
        }

        if (position < text.Length)
        {
            // Keep the rest verbatim so a rewrite never truncates the file; Check() reports it.
            parsed.Add(new IniLine(IniLineKind.Invalid, parsed.Count + 1, text[position..], "", section, "", "", -1, -1, -1,
                $"the file has more than {MaxLines} lines; the rest is ignored"));
        }

        return new IniDocument(fileName, parsed);
    }

    /// <summary>Syntax problems: malformed lines and duplicate sections or keys (each naming both lines).</summary>
    public IReadOnlyList<ConfigDiagnostic> Check()
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var sections = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var keys = new Dictionary<(string, string), int>(SectionKeyComparer.Instance);
        foreach (IniLine line in lines)
        {
            switch (line.Kind)
            {
                case IniLineKind.Invalid:
                    diagnostics.Add(ConfigDiagnostic.Error(FileName, line.Number, line.Problem ?? "malformed line"));
                    break;
                case IniLineKind.Section when !sections.TryAdd(line.Section, line.Number):
                    diagnostics.Add(ConfigDiagnostic.Error(FileName, line.Number,
                        $"duplicate section [{line.Section}]: already started at line {sections[line.Section]}"));
                    break;
                case IniLineKind.KeyValue when !keys.TryAdd((line.Section, line.Key), line.Number):
                    diagnostics.Add(ConfigDiagnostic.Error(FileName, line.Number,
                        $"duplicate key \"{line.Key}\"{InSection(line.Section)}: already set at line {keys[(line.Section, line.Key)]}"));
                    break;
            }
        }

        return diagnostics;
    }

    public bool HasSection(string section) => FindSection(section) is not null;

    /// <summary>The first header of <paramref name="section"/>, or null.</summary>
    public IniLine? FindSection(string section) =>
        lines.FirstOrDefault(l => l.Kind == IniLineKind.Section && Same(l.Section, section));

    /// <summary>The first line that sets <paramref name="key"/> in <paramref name="section"/>, or null.</summary>
    public IniLine? Find(string section, string key) =>
        lines.FirstOrDefault(l => l.Kind == IniLineKind.KeyValue && Same(l.Section, section) && Same(l.Key, key));

    public string? GetValue(string section, string key) => Find(section, key)?.Value;

    /// <summary>
    /// Sets a value: in place when the key exists (the key's spelling, spacing and trailing comment stay, the
    /// comment at its column where the new value leaves room), else as a new line after the section's last
    /// key, else in a new section at the end of the file.
    /// </summary>
    /// <exception cref="ArgumentException">The value cannot be written as one INI value (see <see cref="IniValueText"/>).</exception>
    public void Set(string section, string key, string value)
    {
        if (!IniValueText.TryFormat(value, out string formatted, out string? problem))
        {
            throw new ArgumentException(problem, nameof(value));
        }

        IniLine? existing = Find(section, key);
        if (existing is not null)
        {
            int index = existing.Number - 1;
            string text = ReplaceValue(existing, formatted);
            lines[index] = IniLineParser.Parse(text, existing.Terminator, existing.Number, existing.Section);
            return;
        }

        string newLine = key + " = " + formatted;
        IniLine? header = FindSection(section);
        if (header is null)
        {
            AppendSection(section, newLine);
            return;
        }

        int insertAt = header.Number;
        for (int i = header.Number; i < lines.Count && lines[i].Kind != IniLineKind.Section; i++)
        {
            if (lines[i].Kind == IniLineKind.KeyValue)
            {
                insertAt = i + 1;
            }
        }

        Insert(insertAt, newLine, header.Section);
    }

    /// <summary>Removes the line that sets <paramref name="key"/>; false when there is none.</summary>
    public bool Remove(string section, string key)
    {
        IniLine? existing = Find(section, key);
        if (existing is null)
        {
            return false;
        }

        lines.RemoveAt(existing.Number - 1);
        Renumber(existing.Number - 1);
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (IniLine line in lines)
        {
            builder.Append(line.Text).Append(line.Terminator);
        }

        return builder.ToString();
    }

    private static string ReplaceValue(IniLine line, string formatted)
    {
        string head = line.Text[..line.ValueStart];
        if (head.EndsWith('=') && formatted.Length > 0)
        {
            head += " ";
        }

        if (!line.HasComment)
        {
            return head + formatted + line.Text[line.ValueEnd..];
        }

        // Keep a trailing comment in its column when the gap before it is plain spaces (aligned comments).
        string gap = line.Text[line.ValueEnd..line.CommentStart];
        string comment = line.Text[line.CommentStart..];
        if (gap.Length > 0 && gap.All(c => c == ' '))
        {
            int width = Math.Max(1, line.CommentStart - (head.Length + formatted.Length));
            gap = new string(' ', width);
        }
        else if (gap.Length == 0)
        {
            gap = " ";
        }

        return head + formatted + gap + comment;
    }

    private void AppendSection(string section, string keyLine)
    {
        if (lines.Count > 0 && lines[^1].Kind != IniLineKind.Blank)
        {
            Insert(lines.Count, "", lines[^1].Section);
        }

        Insert(lines.Count, "[" + section + "]", section);
        Insert(lines.Count, keyLine, section);
    }

    private void Insert(int index, string text, string section)
    {
        string newline = DominantNewline();
        if (index > 0 && lines[index - 1].Terminator.Length == 0)
        {
            lines[index - 1] = lines[index - 1] with { Terminator = newline };
        }

        lines.Insert(index, IniLineParser.Parse(text, newline, index + 1, section));
        Renumber(index + 1);
    }

    private void Renumber(int from)
    {
        for (int i = from; i < lines.Count; i++)
        {
            lines[i] = lines[i] with { Number = i + 1 };
        }
    }

    private string DominantNewline() =>
        lines.Select(l => l.Terminator).FirstOrDefault(t => t.Length > 0) ?? "\n";

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string InSection(string section) => section.Length == 0 ? " outside any section" : $" in [{section}]";

    private sealed class SectionKeyComparer : IEqualityComparer<(string Section, string Key)>
    {
        public static SectionKeyComparer Instance { get; } = new();

        public bool Equals((string Section, string Key) x, (string Section, string Key) y) =>
            Same(x.Section, y.Section) && Same(x.Key, y.Key);

        public int GetHashCode((string Section, string Key) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Section), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Key));
    }
}
