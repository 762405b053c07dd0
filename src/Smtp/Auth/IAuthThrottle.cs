using System.Net;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// Slows down password guessing per client address. The session asks before AUTH, reports each outcome,
/// and waits the returned delay before answering 535.
/// </summary>
public interface IAuthThrottle
{
    bool IsLockedOut(IPAddress address);

    /// <summary>Records a failure and returns how long to wait before the 535 reply.</summary>
    TimeSpan RecordFailure(IPAddress address);

    void RecordSuccess(IPAddress address);
}
