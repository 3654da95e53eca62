using Replay.Engines.Tests.Support;
using Xunit.Abstractions;

namespace Replay.Engines.Tests;

/// <summary>
/// Random valid, terminating programs (see <see cref="ProgramGenerator"/>) on both interpreters
/// in every compilation mode against Wasmtime: equal results, trap codes, final globals and memory.
/// </summary>
public sealed class GeneratedProgramTests(ITestOutputHelper output)
{
    private const int Batches = 10;
    private const int ProgramsPerBatch = 30;

    /// <summary>Each batch's first seed, with how many of its calls return and how many trap (pinned: the generator is seeded).</summary>
    public static TheoryData<int, int, int> BatchSeeds()
    {
        int[][] pinned = [[264, 96], [248, 112], [244, 116], [286, 74], [253, 107], [273, 87], [271, 89], [246, 114], [247, 113], [266, 94]];
        var data = new TheoryData<int, int, int>();
        for (int b = 0; b < Batches; b++)
            data.Add(b * ProgramsPerBatch, pinned[b][0], pinned[b][1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(BatchSeeds))]
    public void Generated_programs_agree_on_every_engine(int firstSeed, int expectedResults, int expectedTraps)
    {
        int traps = 0, results = 0;
        var trapKinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int seed = firstSeed; seed < firstSeed + ProgramsPerBatch; seed++)
        {
            var generator = new ProgramGenerator(seed);
            var wat = generator.Generate();
            byte[] wasm;
            try
            {
                wasm = Wat.ToWasm(wat);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"seed {seed}: the generator produced invalid text:\n{wat}", e);
            }
            var outcome = EngineMatrix.AssertAgree(wasm, generator.Calls(), ProgramGenerator.Globals, $"seed {seed}\n{wat}");
            foreach (var line in outcome.Lines.Where(l => l.Contains(" -> trap ", StringComparison.Ordinal)))
            {
                var kind = line[(line.IndexOf(" -> trap ", StringComparison.Ordinal) + 9)..];
                trapKinds[kind] = trapKinds.GetValueOrDefault(kind) + 1;
                traps++;
            }
            results += outcome.Lines.Count(l => l.Contains(" -> i64:", StringComparison.Ordinal));
        }
        output.WriteLine($"{results} results; traps: {string.Join(", ", trapKinds.Select(k => $"{k.Key} {k.Value}"))}");
        // The batch exercises both paths (agreement on one alone would prove little), exactly as pinned.
        Assert.Equal((expectedResults, expectedTraps), (results, traps));
    }
}
