namespace Relaybox.Smtp.Queue;

/// <summary>An envelope file that cannot be read back: truncated, edited by hand, or damaged on disk.</summary>
public sealed class EnvelopeFormatException : FormatException
{
    public EnvelopeFormatException(string message, int lineNumber)
        : base(lineNumber > 0 ? $"envelope line {lineNumber}: {message}" : $"envelope: {message}")
    {
        LineNumber = lineNumber;
    }

    /// <summary>1-based line of the problem; 0 when it concerns the file as a whole.</summary>
    public int LineNumber { get; }
}
