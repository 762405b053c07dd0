using System.Net;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>Locks an address out after <see cref="LockAfter"/> failures and records what the session reported.</summary>
internal sealed class RecordingThrottle : IAuthThrottle
{
    public int LockAfter { get; init; } = int.MaxValue;

    public int Failures;

    public int Successes;

    public bool IsLockedOut(IPAddress address) => Volatile.Read(ref Failures) >= LockAfter;

    public TimeSpan RecordFailure(IPAddress address)
    {
        Interlocked.Increment(ref Failures);
        return TimeSpan.FromMilliseconds(1);
    }

    public void RecordSuccess(IPAddress address) => Interlocked.Increment(ref Successes);
}
