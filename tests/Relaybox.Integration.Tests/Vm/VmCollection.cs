namespace Relaybox.Integration.Tests.Vm;

/// <summary>The VM tests run one after another: each VM is a TCG guest using a whole core of a small host.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VmCollection
{
    public const string Name = "Vm";
}
