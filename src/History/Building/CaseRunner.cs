using System.Globalization;
using System.Runtime.CompilerServices;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Building;

/// <summary>What a case run reads, where it keeps state, and what it is told.</summary>
public sealed class CaseRunOptions
{
    public required ILedgerSource Source { get; init; }

    public ILedgerStateStoreFactory Stores { get; init; } = new InMemoryLedgerStateStoreFactory();

    /// <summary>Ledgers to build cases for; First 0 means from the start of the source, Last null to its end.</summary>
    public LedgerRange Range { get; init; } = new(0, null);

    /// <summary>True when the user named the range (--from/--to): then every ledger in it must be present.</summary>
    public bool RangeGiven { get; init; }

    /// <summary>The network, when the user names it; else the source's, else detected from transaction hashes.</summary>
    public Network? Network { get; init; }

    /// <summary>Genesis settings of stellar-core's test networks (null: such chains lack their settings).</summary>
    public CoreTestNetworkConfig? TestNetworkConfig { get; init; }

    /// <summary>A checkpoint to start from (history archive), for a chain without stored state.</summary>
    public IStateBootstrap? Bootstrap { get; init; }

    /// <summary>Warnings (a pre-image that contradicts the rebuilt state, a gap that reset partial state).</summary>
    public Action<string> Warn { get; init; } = _ => { };

    /// <summary>
    /// Sizes contract code for the live Soroban state size the rent price follows from protocol
    /// 23 (the host's computation, e.g. Replay.Soroban's <c>Fees.ContractCodeRentSize</c>). Null:
    /// that size, and with it the state size window, is lost at the first contract code change.
    /// </summary>
    public ContractCodeRentSize? CodeRentSize { get; init; }
}

/// <summary>
/// Reads a source ledger by ledger, keeps each chain's state (applied whole per ledger, then
/// committed), and yields what every InvokeHostFunction operation in range produced. Ledgers
/// must come in order: a repeat or a step back is an error; a gap is an error when the range was
/// named or the state is complete, and otherwise (a partial state) discards what was learned.
/// </summary>
public sealed class CaseRunner(CaseRunOptions options)
{
    public CaseRunSummary Summary { get; } = new();

    public async IAsyncEnumerable<CaseBuildResult> RunAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ChainRun? run = null;
        var range = options.Range;
        try
        {
            // A network source resumes where its stored state stops, unless told where to start.
            if (options.Source.Chain is { } chain)
            {
                run = new ChainRun(chain, await options.Stores.OpenAsync(chain, cancellation).ConfigureAwait(false));
                if (range.First == 0 && run.StoredLastLedger is { } stored)
                {
                    if (range.Last is { } last && last <= stored)
                        yield break;
                    range = new LedgerRange(stored + 1, range.Last);
                }
            }
            await foreach (var ledger in options.Source.ReadAsync(range, cancellation).ConfigureAwait(false))
            {
                if (run is null || !string.Equals(run.Name, ledger.Provenance.Chain, StringComparison.Ordinal))
                {
                    if (run is not null)
                    {
                        run.Finish(options);
                        await run.DisposeAsync().ConfigureAwait(false);
                    }
                    run = new ChainRun(ledger.Provenance.Chain, await options.Stores.OpenAsync(ledger.Provenance.Chain, cancellation).ConfigureAwait(false));
                }
                foreach (var result in await run.ProcessAsync(ledger, options, Summary, cancellation).ConfigureAwait(false))
                    yield return result;
            }
            run?.Finish(options);
        }
        finally
        {
            if (run is not null)
                await run.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One chain's store and context while its ledgers are read.</summary>
    private sealed class ChainRun(string name, ILedgerStateStore store) : IAsyncDisposable
    {
        private ChainContext? _context;
        private LedgerProcessor? _processor;
        private bool _resumed;
        private uint? _lastRead;

        public string Name { get; } = name;

        /// <summary>The last ledger of the state stored for this chain, or null when it has none.</summary>
        public uint? StoredLastLedger => store.Chain is { LastLedger: > 0 } c ? c.LastLedger : null;

        public async Task<List<CaseBuildResult>> ProcessAsync(SourcedLedger ledger, CaseRunOptions options, CaseRunSummary summary, CancellationToken cancellation)
        {
            var seq = ledger.Sequence;
            if (_lastRead is { } previous && seq <= previous)
                throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                    $"{ledger.Provenance.Object}: ledger {seq} comes after ledger {previous}: out of order"));
            _lastRead = seq;
            if (options.Range.Last is { } last && seq > last)
                return [];

            _context ??= await StartAsync(ledger, options, summary, cancellation).ConfigureAwait(false);
            var state = _context.State;
            if (state.LastLedger != 0 && seq <= state.LastLedger)
            {
                if (_resumed)
                    return [];
                throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                    $"{ledger.Provenance.Object}: ledger {seq} is at or before the state's ledger {state.LastLedger}"));
            }
            if (state.LastLedger != 0 && seq > state.LastLedger + 1)
                await GapAsync(ledger, options, cancellation).ConfigureAwait(false);

            var meta = ledger.Meta;
            if (_context.Network is null && LedgerTransactions.ResultHashesOf(meta).Count > 0)
            {
                _context.Network = NetworkDetection.Detect(meta) ?? throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                    $"{ledger.Provenance.Object}: ledger {seq}: no known network passphrase makes its transactions hash to its results; pass --network"));
                _context.State = _context.State with { NetworkPassphrase = _context.Network.Passphrase };
            }

            IReadOnlyCollection<StateKey> keys = store.NeedsKeys ? KeysOf(meta) : [];
            var view = await store.ViewAsync(keys, cancellation).ConfigureAwait(false);
            _processor ??= new LedgerProcessor(_context);
            ProcessedLedger processed;
            try
            {
                processed = _processor.Process(meta, ledger.Provenance, view);
            }
            catch (HistoryDataException e)
            {
                throw new LedgerSourceException($"{ledger.Provenance.Object}: {e.Message}", e);
            }
            await store.CommitAsync(processed.Delta, processed.State, cancellation).ConfigureAwait(false);
            _context.State = processed.State;
            if (_context.Wanted(seq))
                summary.MetaBytes += ledger.EncodedSize;
            return processed.Results;
        }

        public void Finish(CaseRunOptions options)
        {
            if (options.RangeGiven && options.Range.Last is { } last && _lastRead is { } read && read < last
                && options.Source is not MetaSource)
            {
                throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                    $"{options.Source.Spec}: the source ended at ledger {read}, before the requested last ledger {last}"));
            }
        }

        private async Task<ChainContext> StartAsync(SourcedLedger first, CaseRunOptions options, CaseRunSummary summary, CancellationToken cancellation)
        {
            var seq = first.Sequence;
            ChainState state;
            Network? network = options.Network ?? options.Source.Network;
            if (store.Chain is { } stored)
            {
                _resumed = true;
                state = stored;
                var storedNetwork = stored.NetworkPassphrase.Length == 0 ? null : Network.FromPassphrase(stored.NetworkPassphrase);
                if (network is not null && storedNetwork is not null && network.Passphrase != storedNetwork.Passphrase)
                    throw new LedgerSourceException($"{Name}: the stored state is of network \"{stored.NetworkPassphrase}\", not \"{network.Passphrase}\"");
                network ??= storedNetwork;
            }
            else if (options.Bootstrap is { } bootstrap)
            {
                var snapshot = await bootstrap.LoadAsync(cancellation).ConfigureAwait(false);
                if (network is not null && network.Passphrase != snapshot.NetworkPassphrase)
                    throw new LedgerSourceException($"{bootstrap.Description}: the archive is of network \"{snapshot.NetworkPassphrase}\", the ledgers of \"{network.Passphrase}\"");
                network = Network.FromPassphrase(snapshot.NetworkPassphrase);
                state = new ChainState
                {
                    Chain = Name,
                    NetworkPassphrase = network.Passphrase,
                    LastLedger = snapshot.Ledger,
                    LastHeader = snapshot.Header,
                    Basis = StateBasis.Checkpoint,
                    Origin = snapshot.Origin,
                    SettingsFromTestConfig = [],
                    TestConfigSource = "",
                };
                await store.ReplaceAsync(state, snapshot.Live, snapshot.HotArchive, cancellation).ConfigureAwait(false);
                // Ledgers up to the checkpoint (a file read from its start) are already in the state.
                _resumed = true;
            }
            else
            {
                network ??= DetectNetwork(first, options);
                state = seq <= 2
                    ? await GenesisAsync(first, network, options, cancellation).ConfigureAwait(false)
                    : new ChainState
                    {
                        Chain = Name,
                        NetworkPassphrase = network?.Passphrase ?? "",
                        LastLedger = 0,
                        LastHeader = null,
                        Basis = StateBasis.Partial,
                        Origin = string.Create(CultureInfo.InvariantCulture, $"partial: history read from ledger {seq}, no checkpoint"),
                        SettingsFromTestConfig = [],
                        TestConfigSource = "",
                    };
            }
            return new ChainContext
            {
                State = state,
                Network = network,
                SourceSpec = options.Source.Spec,
                Summary = summary,
                Wanted = s => s >= options.Range.First && (options.Range.Last is not { } l || s <= l),
                Warn = options.Warn,
                CodeRentSize = options.CodeRentSize,
            };
        }

        /// <summary>The network of a chain nobody named: detected from the first ledger with transactions (read ahead in a file when needed).</summary>
        private Network? DetectNetwork(SourcedLedger first, CaseRunOptions options)
        {
            if (NetworkDetection.Detect(first.Meta) is { } direct)
                return direct;
            if (options.Source is IRereadableSource rereadable)
            {
                foreach (var ledger in rereadable.Reread(first.Provenance))
                {
                    if (NetworkDetection.Detect(ledger.Meta) is { } found)
                        return found;
                    if (LedgerTransactions.ResultHashesOf(ledger.Meta).Count > 0)
                        break;
                }
            }
            // Not found yet: decided at the first ledger with transactions (an error then if nothing matches).
            return null;
        }

        /// <summary>
        /// A chain read from genesis: complete. A stellar-core test network's genesis settings are
        /// not in its meta; they come from core-test-network-config.json, except where the file's
        /// own first config-upgrade pre-images record them (those are exact and win).
        /// </summary>
        private async Task<ChainState> GenesisAsync(SourcedLedger first, Network? network, CaseRunOptions options, CancellationToken cancellation)
        {
            var state = new ChainState
            {
                Chain = Name,
                NetworkPassphrase = network?.Passphrase ?? "",
                LastLedger = first.Sequence - 1,
                LastHeader = null,
                Basis = StateBasis.Genesis,
                Origin = "genesis",
                SettingsFromTestConfig = [],
                TestConfigSource = "",
                // Nothing is in the Soroban state at genesis.
                SorobanStateSize = 0,
            };
            var header = LedgerTransactions.HeaderOf(first.Meta).Header;
            var versionUpgrade = TransactionParts.UpgradesOf(first.Meta).Any(u => u.Upgrade is LedgerUpgrade.Version);
            if (network?.Passphrase != CoreTestNetworkConfig.Network.Passphrase || versionUpgrade || header.LedgerVersion < 20)
            {
                await store.ReplaceAsync(state, [], [], cancellation).ConfigureAwait(false);
                return state;
            }
            var fromStream = options.Source is IRereadableSource rereadable ? FirstConfigPreImages(rereadable, first.Provenance) : [];
            var live = new Dictionary<StateKey, LedgerEntry>();
            foreach (var (id, entry) in fromStream)
                live[SettingsSnapshot.StateKeyOf(id)] = entry;
            var fromFile = new List<ConfigSettingID>();
            var source = "";
            if (options.TestNetworkConfig?.GenesisSettings(header.LedgerVersion) is { } genesis)
            {
                source = string.Create(CultureInfo.InvariantCulture, $"{CoreTestNetworkConfig.FileName} genesis values of protocol {header.LedgerVersion}");
                foreach (var setting in genesis)
                {
                    var id = IdOf(setting);
                    if (fromStream.ContainsKey(id))
                        continue;
                    live[SettingsSnapshot.StateKeyOf(id)] = new LedgerEntry
                    {
                        LastModifiedLedgerSeq = 1,
                        Data = new LedgerEntryData.ConfigSetting(setting),
                        Ext = LedgerEntryExt.V0.Instance,
                    };
                    fromFile.Add(id);
                }
            }
            // Core creates the window at a test network's genesis (initialliveSorobanStateSizeWindow):
            // 30 copies of the bucket list size at that point, before anything is in it: 0.
            var windowKey = SettingsSnapshot.StateKeyOf(ConfigSettingID.LiveSorobanStateSizeWindow);
            if (!live.ContainsKey(windowKey))
            {
                live[windowKey] = new LedgerEntry
                {
                    LastModifiedLedgerSeq = 1,
                    Data = new LedgerEntryData.ConfigSetting(new ConfigSettingEntry.LiveSorobanStateSizeWindow(new ulong[SorobanStateSize.GenesisWindowSamples])),
                    Ext = LedgerEntryExt.V0.Instance,
                };
            }
            fromFile.Sort();
            state = state with { SettingsFromTestConfig = fromFile, TestConfigSource = source };
            await store.ReplaceAsync(state, live, [], cancellation).ConfigureAwait(false);
            return state;
        }

        /// <summary>
        /// The value config settings had at genesis, where the chain records it: the STATE
        /// pre-images of its first config upgrade (settings change only through upgrades, so until
        /// then they hold their genesis values). A setting that upgrade does not cover keeps the
        /// file's value; should a later upgrade's pre-image contradict it, the run warns.
        /// </summary>
        private static Dictionary<ConfigSettingID, LedgerEntry> FirstConfigPreImages(IRereadableSource source, LedgerProvenance first)
        {
            var found = new Dictionary<ConfigSettingID, LedgerEntry>();
            var written = new HashSet<ConfigSettingID>();
            foreach (var ledger in source.Reread(first))
            {
                foreach (var upgrade in TransactionParts.UpgradesOf(ledger.Meta))
                {
                    foreach (var change in upgrade.Changes)
                    {
                        switch (change)
                        {
                            case LedgerEntryChange.State { Value.Data: LedgerEntryData.ConfigSetting cs } s when !written.Contains(cs.Value.ConfigSettingID):
                                found.TryAdd(cs.Value.ConfigSettingID, s.Value);
                                break;
                            case LedgerEntryChange.Created { Value.Data: LedgerEntryData.ConfigSetting cs }:
                                written.Add(cs.Value.ConfigSettingID);
                                break;
                            case LedgerEntryChange.Updated { Value.Data: LedgerEntryData.ConfigSetting cs }:
                                written.Add(cs.Value.ConfigSettingID);
                                break;
                        }
                    }
                }
                if (found.Count + written.Count > 0)
                    break;
            }
            return found;
        }

        private static ConfigSettingID IdOf(ConfigSettingEntry setting) =>
            new LedgerEntryData.ConfigSetting(setting) is var data && LedgerKeys.KeyOf(data) is LedgerKey.ConfigSetting k
                ? k.Value.ConfigSettingID
                : throw new InvalidOperationException("config setting without an id");


        private async Task GapAsync(SourcedLedger ledger, CaseRunOptions options, CancellationToken cancellation)
        {
            var state = _context!.State;
            var missing = ledger.Sequence - 1 == state.LastLedger + 1
                ? string.Create(CultureInfo.InvariantCulture, $"ledger {state.LastLedger + 1} is missing before ledger {ledger.Sequence} in {ledger.Provenance.Object}")
                : string.Create(CultureInfo.InvariantCulture, $"ledgers {state.LastLedger + 1}-{ledger.Sequence - 1} are missing before ledger {ledger.Sequence} in {ledger.Provenance.Object}");
            if (state.Complete || (options.RangeGiven && ledger.Sequence - 1 >= options.Range.First))
                throw new LedgerSourceException($"gap: {missing}");
            options.Warn($"gap: {missing}; the partial state learned so far is discarded");
            var fresh = state with
            {
                LastLedger = 0,
                LastHeader = null,
                Origin = string.Create(CultureInfo.InvariantCulture, $"partial: history read from ledger {ledger.Sequence}, no checkpoint"),
            };
            await store.ReplaceAsync(fresh, [], [], cancellation).ConfigureAwait(false);
            _context.State = fresh;
        }

        /// <summary>Every key a ledger can read: changed keys, footprints and their TTLs, evictions, settings. A remote store loads them in one go.</summary>
        private static HashSet<StateKey> KeysOf(LedgerCloseMeta meta)
        {
            var keys = new HashSet<StateKey>(SettingsSnapshot.AllKeys());
            void AddKey(LedgerKey key)
            {
                if (!HostReadable.IsKept(key))
                    return;
                keys.Add(StateKey.Of(key));
                if (LedgerKeys.IsSoroban(key))
                    keys.Add(StateKey.Of(LedgerKeys.TtlKeyOf(key)));
            }
            void AddChanges(IEnumerable<LedgerEntryChange> changes)
            {
                foreach (var c in changes)
                {
                    switch (c)
                    {
                        case LedgerEntryChange.Created x: AddKey(LedgerKeys.KeyOf(x.Value)); break;
                        case LedgerEntryChange.Updated x: AddKey(LedgerKeys.KeyOf(x.Value)); break;
                        case LedgerEntryChange.State x: AddKey(LedgerKeys.KeyOf(x.Value)); break;
                        case LedgerEntryChange.Restored x: AddKey(LedgerKeys.KeyOf(x.Value)); break;
                        case LedgerEntryChange.Removed x: AddKey(x.Value); break;
                    }
                }
            }
            foreach (var envelope in LedgerTransactions.EnvelopesOf(meta))
            {
                if (TransactionParts.Of(envelope).Soroban is { } soroban)
                {
                    foreach (var key in soroban.Resources.Footprint.ReadOnly)
                        AddKey(key);
                    foreach (var key in soroban.Resources.Footprint.ReadWrite)
                        AddKey(key);
                }
            }
            foreach (var txMeta in MetaChanges.TransactionMetasOf(meta))
                AddChanges(MetaChanges.Of(txMeta));
            switch (meta)
            {
                case LedgerCloseMeta.V0 v0:
                    foreach (var t in v0.Value.TxProcessing)
                        AddChanges(t.FeeProcessing);
                    break;
                case LedgerCloseMeta.V1 v1:
                    foreach (var t in v1.Value.TxProcessing)
                        AddChanges(t.FeeProcessing);
                    foreach (var k in v1.Value.EvictedKeys)
                        AddKey(k);
                    break;
                case LedgerCloseMeta.V2 v2:
                    foreach (var t in v2.Value.TxProcessing)
                    {
                        AddChanges(t.FeeProcessing);
                        AddChanges(t.PostTxApplyFeeProcessing);
                    }
                    foreach (var k in v2.Value.EvictedKeys)
                        AddKey(k);
                    break;
            }
            foreach (var upgrade in TransactionParts.UpgradesOf(meta))
                AddChanges(upgrade.Changes);
            return keys;
        }

        public ValueTask DisposeAsync() => store.DisposeAsync();
    }
}
