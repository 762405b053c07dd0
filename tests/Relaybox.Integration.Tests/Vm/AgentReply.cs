namespace Relaybox.Integration.Tests.Vm;

/// <summary>What one command run through the guest's control agent printed (stdout and stderr) and its exit status.</summary>
public sealed record AgentReply(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
