using System.CommandLine;
using System.Globalization;
using Replay.History;
using Replay.History.Building;
using Replay.History.Http;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Replayer.Store;

namespace Replay.Replayer.Cli;

/// <summary>Options both `cases` and `cases show` take.</summary>
internal sealed class SourceOptions
{
    public Option<string[]> Source { get; } = new("--source")
    {
        Description = $"Where history comes from: {HistorySources.Forms} (an archive gives the state at a checkpoint; add it to a ledger source)",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Network { get; } = new("--network") { Description = "Network passphrase (default: the source's, or detected from transaction hashes)" };

    public Option<string?> TestNetworkConfig { get; } = new("--test-network-config")
    {
        Description = $"Path of {CoreTestNetworkConfig.FileName} (default: $REPLAY_TEST_NETWORK_CONFIG, else ../shared/soroban/)",
    };

    /// <summary>Objects fetched at once; `replay run` names it --fetch-parallel (its --parallel is the number of workers).</summary>
    public Option<int> Parallel { get; }

    public SourceOptions(string parallelName = "--parallel", string? defaultSource = null)
    {
        if (defaultSource is not null)
        {
            Source.Required = false;
            Source.DefaultValueFactory = _ => [defaultSource];
        }
        Parallel = new(parallelName) { Description = "Objects fetched at once from a data lake or archive", DefaultValueFactory = _ => 8 };
    }

    public void AddTo(Command command)
    {
        command.Add(Source);
        command.Add(Network);
        command.Add(TestNetworkConfig);
        command.Add(Parallel);
    }
}

/// <summary>Everything a run holds open: the network reader, the sources, the runner.</summary>
internal sealed class CaseRun : IAsyncDisposable
{
    private readonly NetworkReader _reader;

    private CaseRun(NetworkReader reader, CaseRunner runner)
    {
        _reader = reader;
        Runner = runner;
    }

    public CaseRunner Runner { get; }

    /// <param name="persistState">
    /// Whether a database given with --db keeps the ledger state (`replay cases`). Runs keep their
    /// results there instead and rebuild state in memory: a persisted state would run ahead of the
    /// results written, and a run killed in between could not rebuild the cases it lost.
    /// </param>
    public static async Task<CaseRun> StartAsync(ParseResult parse, GlobalOptions globals, SourceOptions options, uint? from, uint? to,
        TextWriter error, CancellationToken cancellation, bool persistState = true)
    {
        if (from is { } f && to is { } t && t < f)
            throw new UserError(string.Create(CultureInfo.InvariantCulture, $"--to {t} is before --from {f}"));
        var parallel = parse.GetValue(options.Parallel);
        if (parallel < 1)
            throw new UserError("--parallel must be at least 1");
        var passphrase = parse.GetValue(options.Network);
        var network = passphrase is null ? null : Stellar.Domain.Network.FromPassphrase(passphrase);
        var reader = new NetworkReader(new NetworkOptions { Parallelism = parallel });
        try
        {
            var opened = await HistorySources.OpenAsync(parse.GetValue(options.Source) ?? [], reader, from, network, cancellation).ConfigureAwait(false);
            CoreTestNetworkConfig? testConfig = null;
            if (CoreTestNetworkConfig.Locate(parse.GetValue(options.TestNetworkConfig)) is { } path)
            {
                if (!File.Exists(path))
                    throw new UserError($"{path}: no such file (--test-network-config)");
                testConfig = CoreTestNetworkConfig.Load(path);
            }
            var connection = globals.ConnectionString(parse);
            ILedgerStateStoreFactory stores = connection is null || !persistState
                ? new InMemoryLedgerStateStoreFactory()
                : new PostgresLedgerStateStoreFactory(new Database(connection));
            var first = opened.From ?? from;
            var runner = new CaseRunner(new CaseRunOptions
            {
                Source = opened.Ledgers,
                Stores = stores,
                Range = new LedgerRange(first ?? 0, to),
                RangeGiven = from is not null || to is not null,
                Network = network,
                TestNetworkConfig = testConfig,
                CodeRentSize = Replay.Soroban.Invocation.Fees.ContractCodeRentSize,
                Bootstrap = opened.Archive,
                Warn = message => error.WriteLine("warning: " + message),
            });
            return new CaseRun(reader, runner);
        }
        catch (Exception e) when (e is LedgerSourceException or InvalidDataException)
        {
            reader.Dispose();
            throw new UserError(e.Message, e);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }
}
