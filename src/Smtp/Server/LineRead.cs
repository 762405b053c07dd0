using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Server;

/// <summary>The outcome of waiting for one line: a line (in the session's line buffer), or why there is none.</summary>
internal readonly record struct LineRead(LineStatus Status, int Length, ReadCancelReason Cancel, bool EndOfInput)
{
    public bool HasLine => Status == LineStatus.Complete && Cancel == ReadCancelReason.None && !EndOfInput;
}
