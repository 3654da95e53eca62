using Replay.Sample;

namespace Replay.Sample.Tests;

/// <summary>The committed sample contracts are exactly what clang builds from their C sources.</summary>
public class SampleContractTests
{
    private static string ContractsDir => Path.Combine(Repository.Root, "samples", "contracts");

    public static TheoryData<string> Names => [.. SampleContracts.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void CommittedModuleIsRebuiltByteForByte(string name)
    {
        var built = SampleContracts.Build(ContractsDir, Path.Combine(Repository.Root, "sdk", "c"), name);
        var committed = SampleContracts.Load(ContractsDir, name);
        Assert.True(committed.AsSpan().SequenceEqual(built),
            $"{name}.wasm: clang built {built.Length} bytes that differ from the committed {committed.Length}. The committed modules were built with clang " +
            $"{SampleContracts.ClangVersion}; this machine has '{SampleContracts.InstalledClang()}'. Another clang version emits other code: rebuild with " +
            "`replay sample contracts` and rebuild the sample (`replay sample build --out samples/sample`) if the change is intended.");
    }

    [Fact]
    public void EveryModuleCarriesTheInterfaceVersionOfProtocol23()
    {
        foreach (var name in SampleContracts.Names)
        {
            var wasm = SampleContracts.Load(ContractsDir, name);
            // The last 12 bytes are the ScEnvMetaEntry: kind 0, protocol 23, pre-release 0.
            Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 23, 0, 0, 0, 0 }, wasm[^12..]);
        }
    }

    [Fact]
    public void EverySourceIsListed()
    {
        var sources = Directory.EnumerateFiles(ContractsDir, "*.c").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(SampleContracts.Names.Order(StringComparer.Ordinal).ToList(), sources);
    }
}
