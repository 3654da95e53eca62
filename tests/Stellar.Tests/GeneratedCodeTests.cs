using Replay.Tools.XdrGen;

namespace Replay.Stellar.Tests;

public sealed class GeneratedCodeTests
{
    [SharedFact]
    public void CommittedGeneratedCodeMatchesAFreshGeneration()
    {
        var files = Generator.Generate(SharedData.XdrJson!);
        var differences = GeneratedFiles.Compare(files, RepoLayout.GeneratedDir(Repository.Root));
        Assert.True(differences.Count == 0,
            "generated XDR code is stale (run: dotnet run --project tools/XdrGen): " + string.Join("; ", differences));
    }

    [SharedFact]
    public void EveryDefinitionOfTheSchemaIsGenerated()
    {
        var schema = Schema.Load(SharedData.XdrJson!);
        Assert.Equal(488, schema.Definitions.Count);
        var assembly = typeof(Replay.Stellar.Xdr.XdrCodec).Assembly;
        foreach (var d in schema.Definitions.Where(d => d.Kind is "struct" or "union" or "enum"))
            Assert.NotNull(assembly.GetType("Replay.Stellar.Xdr." + ShapeResolver.CsTypeName(d.Name)));
    }
}
