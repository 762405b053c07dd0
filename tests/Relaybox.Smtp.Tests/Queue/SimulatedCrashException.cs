namespace Relaybox.Smtp.Tests.Queue;

/// <summary>Thrown by <see cref="FaultyFileSystem"/> from the crash step on; an IOException like a real failure.</summary>
internal sealed class SimulatedCrashException(int step, string description)
    : IOException($"simulated crash at step {step} ({description})");
