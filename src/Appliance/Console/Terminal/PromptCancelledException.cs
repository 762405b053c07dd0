namespace Relaybox.Appliance.Console.Terminal;

/// <summary>
/// The operator pressed Ctrl-C (or Ctrl-D) at a prompt: the dialog in progress is abandoned and the console
/// goes back to the menu it came from, with nothing changed.
/// </summary>
public sealed class PromptCancelledException(bool endOfInput) : Exception("cancelled at the prompt")
{
    /// <summary>Ctrl-D rather than Ctrl-C: at the main menu it means "leave the console".</summary>
    public bool EndOfInput { get; } = endOfInput;
}
