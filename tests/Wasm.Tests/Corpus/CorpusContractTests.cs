using System.Diagnostics;
using Replay.Soroban.Profile;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Validation;
using Xunit.Abstractions;

namespace Replay.Wasm.Tests.Corpus;

/// <summary>
/// Real contracts from ../shared: every Wasm uploaded in stellar-core's recorded test networks
/// must pass the Soroban profile, as it passed Wasmi 0.31 on those networks.
/// </summary>
public class CorpusContractTests(ITestOutputHelper output)
{
    [SharedFact]
    public void EveryUploadedContractValidatesUnderTheSorobanProfile()
    {
        var contracts = CorpusContracts.Extract();
        Assert.NotEmpty(contracts);
        var validator = new FuncValidator();
        long bytes = 0;
        int functions = 0;
        var sw = Stopwatch.StartNew();
        foreach (var (hash, wasm) in contracts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            try
            {
                var m = ModuleDecoder.Decode(wasm, SorobanProfile.Features);
                ModuleValidator.Validate(m, validateBodies: false);
                for (int f = m.ImportedFunctionCount; f < m.FunctionCount; f++) validator.Validate(m, f);
                bytes += wasm.Length;
                functions += m.Bodies.Length;
            }
            catch (WasmFrontEndException ex)
            {
                Assert.Fail($"contract {hash} ({wasm.Length} bytes): {ex.Message}");
            }
        }
        output.WriteLine($"{contracts.Count} contracts, {functions} functions, {bytes} bytes, decoded and validated in {sw.Elapsed.TotalMilliseconds:F1} ms (first run, includes JIT)");
    }
}
