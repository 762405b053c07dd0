using Relaybox.Appliance.Control;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>A daemon side whose answers each test sets, recording what it was asked.</summary>
internal sealed class FakeDaemonControl : IDaemonControl
{
    public string? ReloadProblem { get; set; }

    public IReadOnlyList<string> Log { get; set; } = [];

    public Func<string, TestMailResult> TestMail { get; set; } = _ => TestMailResult.Queued(ControlTestDirectory.Id(1));

    public int? ButtonPresses { get; set; }

    public List<string> Calls { get; } = [];

    public Task<IReadOnlyList<string>> StatusAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(["status line"]);

    public Task<string?> ReloadAsync(CancellationToken cancellationToken)
    {
        Calls.Add("reload");
        return Task.FromResult(ReloadProblem);
    }

    public IReadOnlyList<string> RecentLog(int count)
    {
        Calls.Add($"log {count}");
        return Log.TakeLast(count).ToList();
    }

    public Task<TestMailResult> QueueTestMailAsync(string address, CancellationToken cancellationToken)
    {
        Calls.Add($"test-mail {address}");
        return Task.FromResult(TestMail(address));
    }
}
