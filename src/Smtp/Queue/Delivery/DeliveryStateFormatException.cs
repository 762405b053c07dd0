namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>A state file that cannot be read back: truncated, edited by hand, damaged, or not the message's.</summary>
public sealed class DeliveryStateFormatException : FormatException
{
    public DeliveryStateFormatException(string message, int lineNumber)
        : base(lineNumber > 0 ? $"delivery state line {lineNumber}: {message}" : $"delivery state: {message}")
    {
        LineNumber = lineNumber;
    }

    /// <summary>1-based line of the problem; 0 when it concerns the file as a whole.</summary>
    public int LineNumber { get; }
}
