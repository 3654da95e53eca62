using Replay.Soroban.Functions;
using Replay.Tools.HostFnGen;
using Replay.Tools.XdrGen;

namespace Replay.Soroban.Tests;

public sealed class GeneratedTableTests
{
    private static string EnvJson => SharedData.PathOf("soroban", "env.json");

    [SharedFact]
    public void CommittedTableMatchesAFreshGeneration()
    {
        var files = Replay.Tools.HostFnGen.Generator.Generate(EnvJson);
        var differences = GeneratedFiles.Compare(files, HostFnLayout.GeneratedDir(Repository.Root));
        Assert.True(differences.Count == 0,
            "generated host function table is stale (run: dotnet run --project tools/HostFnGen): " + string.Join("; ", differences));
    }

    [SharedFact]
    public void CommittedContractHeaderMatchesAFreshGeneration()
    {
        var files = HeaderGenerator.Generate(EnvJson);
        var differences = GeneratedFiles.Compare(files, HostFnLayout.HeaderDir(Repository.Root));
        Assert.True(differences.Count == 0,
            "sdk/c/soroban.h is stale (run: dotnet run --project tools/HostFnGen): " + string.Join("; ", differences));
        var header = files[HeaderGenerator.FileName];
        Assert.Equal(199, header.Split('\n').Count(l => l.StartsWith("SOROBAN_IMPORT(\"", StringComparison.Ordinal)));
        Assert.Contains("SOROBAN_IMPORT(\"v\", \"6\") VecObject vec_push_back(VecObject v, Val x);", header, StringComparison.Ordinal);
        Assert.Contains("SOROBAN_IMPORT(\"x\", \"0\") int64_t obj_cmp(Val a, Val b);", header, StringComparison.Ordinal);
    }

    [SharedFact]
    public void TableHasEveryFunctionOfEnvJson()
    {
        var env = EnvInterface.Load(EnvJson);
        Assert.Equal(199, HostFunctionTable.All.Count);
        Assert.Equal(env.Modules.Sum(m => m.Functions.Count), HostFunctionTable.All.Count);
        var perModule = HostFunctionTable.All.GroupBy(f => f.Module).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(10, perModule["x"]);
        Assert.Equal(52, perModule["i"]);
        Assert.Equal(14, perModule["m"]);
        Assert.Equal(19, perModule["v"]);
        Assert.Equal(21, perModule["l"]);
        Assert.Equal(2, perModule["d"]);
        Assert.Equal(26, perModule["b"]);
        Assert.Equal(37, perModule["c"]);
        Assert.Equal(12, perModule["a"]);
        Assert.Equal(2, perModule["t"]);
        Assert.Equal(4, perModule["p"]);
        foreach (var m in env.Modules)
        {
            foreach (var f in m.Functions)
            {
                var info = HostFunctionTable.Find(m.Export, f.Export);
                Assert.NotNull(info);
                Assert.Equal(f.Name, info.Name);
                Assert.Equal(f.Args.Count, info.Args.Count);
                Assert.Equal(f.MinProtocol, info.MinProtocol);
                Assert.Equal(f.MaxProtocol, info.MaxProtocol);
            }
        }
    }

    [Fact]
    public void SignaturesOfKnownFunctions()
    {
        var f = HostFunctionTable.Find("v", "6");
        Assert.NotNull(f);
        Assert.Equal("vec_push_back", f.Name);
        Assert.Equal([ValType.VecObject, ValType.Val], f.Args.Select(a => a.Type));
        Assert.Equal(ValType.VecObject, f.Return);
        var cmp = HostFunctionTable.Named("obj_cmp");
        Assert.Equal(("x", "0"), (cmp.Module, cmp.Export));
        Assert.Equal(ValType.Int64, cmp.Return);
        var gated = HostFunctionTable.Named("u256_checked_add");
        Assert.Equal(26, gated.MinProtocol);
        Assert.Null(gated.MaxProtocol);
    }

    [Fact]
    public void EveryImplementationNamesATableFunction()
    {
        foreach (var name in HostFunctionImpls.Implemented)
            Assert.NotNull(HostFunctionTable.Named(name));
    }
}
