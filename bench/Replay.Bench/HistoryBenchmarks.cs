using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Replay.History;
using Replay.History.Building;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Stellar.Domain;

namespace Replay.Bench;

/// <summary>
/// Building ledger state and replay cases over every ledger of ../shared/corpus, decoded once in
/// setup so only state application and case building are measured (one thread, in-memory
/// state). MB/s per core = MetaBytes (printed at setup) / mean time.
/// </summary>
[MemoryDiagnoser]
public class HistoryBenchmarks
{
    private List<SourcedLedger> _ledgers = [];
    private CoreTestNetworkConfig? _config;

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Corpus.Find() ?? throw new InvalidOperationException("../shared/corpus not found: run from the repository");
        var source = new MetaSource(corpus);
        _ledgers = [.. source.Files().SelectMany(source.ReadFile)];
        _config = CoreTestNetworkConfig.Load(Path.Combine(corpus, "..", "soroban", CoreTestNetworkConfig.FileName));
        Console.WriteLine($"// HistoryBenchmarks: {_ledgers.Count} ledgers, {_ledgers.Sum(l => (long)l.EncodedSize)} bytes of LedgerCloseMeta per operation");
    }

    [Benchmark(Description = "state and cases for all corpus ledgers")]
    public async Task<long> StateAndCases()
    {
        var runner = new CaseRunner(new CaseRunOptions { Source = new Decoded(_ledgers), TestNetworkConfig = _config, CodeRentSize = Replay.Soroban.Invocation.Fees.ContractCodeRentSize });
        long n = 0;
        await foreach (var _ in runner.RunAsync())
            n++;
        return n;
    }

    /// <summary>Ledgers already decoded, served as a meta file would serve them (rereadable for the genesis look-ahead).</summary>
    private sealed class Decoded(List<SourcedLedger> ledgers) : ILedgerSource, IRereadableSource
    {
        public string Spec => "memory";

        public Network? Network => null;

        public async IAsyncEnumerable<SourcedLedger> ReadAsync(LedgerRange range, [EnumeratorCancellation] CancellationToken cancellation)
        {
            foreach (var ledger in ledgers)
                yield return ledger;
            await Task.CompletedTask.ConfigureAwait(false);
        }

        public IEnumerable<SourcedLedger> Reread(LedgerProvenance first) => ledgers.Where(l => l.Provenance.Chain == first.Chain);
    }
}
