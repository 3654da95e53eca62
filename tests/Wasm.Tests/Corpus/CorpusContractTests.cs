using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
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
    /// <summary>
    /// Finds Wasm modules inside XDR streams without an XDR decoder: a module is carried as
    /// variable-length opaque, so its 4-byte big-endian length sits just before the magic.
    /// </summary>
    private static Dictionary<string, byte[]> ExtractContracts()
    {
        byte[] magic = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(SharedData.PathOf("corpus", "core-tests"), "*.xdr").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            for (int at = bytes.AsSpan().IndexOf(magic); at >= 4; )
            {
                uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at - 4));
                if (length <= (uint)(bytes.Length - at))
                {
                    var module = bytes.AsSpan(at, (int)length).ToArray();
                    found.TryAdd(Convert.ToHexString(SHA256.HashData(module))[..16], module);
                }
                int next = bytes.AsSpan(at + 1).IndexOf(magic);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }
        return found;
    }

    [SharedFact]
    public void EveryUploadedContractValidatesUnderTheSorobanProfile()
    {
        var contracts = ExtractContracts();
        Assert.NotEmpty(contracts);
        var validator = new FuncValidator();
        long bytes = 0;
        int functions = 0;
        var sw = Stopwatch.StartNew();
        foreach (var (hash, wasm) in contracts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            try
            {
                var m = ModuleDecoder.Decode(wasm, WasmFeatures.Soroban);
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
