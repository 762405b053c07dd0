namespace Relaybox.Smtp.Protocol;

/// <summary>RCPT NOTIFY= of RFC 3461 section 4.1. <see cref="Default"/> means the parameter was absent.</summary>
[Flags]
public enum DsnNotify
{
    Default = 0,
    Never = 1,
    Success = 2,
    Failure = 4,
    Delay = 8,
}
