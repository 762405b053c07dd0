using System.Runtime.CompilerServices;
using Relaybox.Integration.Tests.Harness;
using Xunit.Abstractions;

namespace Relaybox.Integration.Tests.Delivery;

/// <summary>
/// Runs one test of this assembly again in a child test run inside a network namespace of its own (unshare --net;
/// the tests run as root), with loopback up and <c>net.ipv4.tcp_syn_retries = 1</c>, which only that namespace sees.
/// <para>
/// Why: relaybox gives up on an MX address after its connect timeout, 30 s (Postfix smtp_connect_timeout), and no
/// configuration key shortens it. In the namespace the kernel itself reports ETIMEDOUT for an unanswered SYN after
/// about 3 s (the SYN, one retry after 1 s, then 2 s), which relaybox treats exactly like its own timeout: a connection
/// timed out, as behind a provider's port 25 filter. The whole child run is inside, so relaybox, dnsmasq, the sinks
/// and the submitting client all meet there. (Moving only a thread of this process into a namespace does not work:
/// threads the runtime creates from it, thread-pool workers among them, inherit the namespace and break other tests.)
/// </para>
/// </summary>
internal static class PrivateNetwork
{
    private const string Variable = "RELAYBOX_TEST_PRIVATE_NETWORK";

    private const string Script = """
        set -e
        ip link set lo up
        echo 1 > /proc/sys/net/ipv4/tcp_syn_retries
        exec "$0" test "$1" --filter "FullyQualifiedName=$2" --logger "console;verbosity=detailed"
        """;

    /// <summary>True in the child run, where the test does its real work.</summary>
    public static bool Inside => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Runs the calling test method of <typeparamref name="TTest"/> in the child run and fails if it did not pass there.</summary>
    public static async Task RunInsideAsync<TTest>(ITestOutputHelper output, [CallerMemberName] string test = "")
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : ExternalTool.Resolve("dotnet");
        string name = typeof(TTest).FullName + "." + test;
        var result = await ExternalTool.RunAsync("/usr/bin/unshare", ["--net", "/bin/sh", "-c", Script, dotnet, typeof(TTest).Assembly.Location, name],
            timeout: TimeSpan.FromSeconds(120), environment: new Dictionary<string, string> { [Variable] = "1" });
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, $"{name} failed in its private network namespace:\n{result}");
        Assert.Contains("Passed: 1", result.StandardOutput, StringComparison.Ordinal);
    }
}
