namespace Relaybox.Appliance.Control;

/// <summary>Why a control request was refused before reaching the queue manager; mapped to text in one place (<see cref="ControlRequest.Describe"/>).</summary>
public enum ControlRequestError
{
    None,

    /// <summary>An empty line.</summary>
    Empty,

    UnknownVerb,

    /// <summary>hold, release and delete need an id or "all".</summary>
    MissingTarget,

    /// <summary>flush, status, reload and button take nothing; log one number at most; the others one word.</summary>
    UnexpectedArgument,

    /// <summary>The target is neither "all" nor something shaped like a queue id.</summary>
    NotAQueueId,

    /// <summary>test-mail needs an address.</summary>
    MissingAddress,

    /// <summary>log takes a number from 1 to <see cref="ControlRequest.MaxLogLines"/>.</summary>
    NotALineCount,

    /// <summary>Invalid UTF-8, or control characters inside the line.</summary>
    NotText,

    /// <summary>No line end within <see cref="ControlServerOptions.MaxRequestLength"/> bytes.</summary>
    TooLong,

    /// <summary>The client closed its side before a line end.</summary>
    Unterminated,

    /// <summary>No complete line within <see cref="ControlServerOptions.ReadTimeout"/>.</summary>
    TimedOut,
}
