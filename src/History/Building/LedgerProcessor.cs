using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Building;

/// <summary>What one chain's processing carries from ledger to ledger.</summary>
internal sealed class ChainContext
{
    public required ChainState State { get; set; }
    /// <summary>The chain's network; null until a ledger with transactions tells it.</summary>
    public required Network? Network { get; set; }
    public required string SourceSpec { get; init; }
    public required CaseRunSummary Summary { get; init; }

    /// <summary>Whether cases are wanted for a ledger (ledgers outside the range are applied, not reported).</summary>
    public required Func<uint, bool> Wanted { get; init; }

    public required Action<string> Warn { get; init; }

    /// <summary>Sizes contract code for the live Soroban state size (the host's computation); null: that size is not tracked past a code change.</summary>
    public ContractCodeRentSize? CodeRentSize { get; init; }
}

/// <summary>A ledger applied: its net changes, the chain state after it, and what its InvokeHostFunction operations produced.</summary>
internal sealed record ProcessedLedger(LedgerDelta Delta, ChainState State, List<CaseBuildResult> Results);

/// <summary>
/// Applies one ledger's changes in stellar-core's apply order and builds a case for every
/// InvokeHostFunction operation from the state just before its transaction:
/// fee processing of every transaction; then each phase (a sequential phase transaction by
/// transaction: changes before, operations, changes after; a protocol 23+ parallel phase:
/// every transaction's changes before, then stage by stage, each cluster over the stage's
/// state with read-only TTL bumps deferred as core defers them, clusters merged with the
/// larger TTL winning); then post-apply fee processing, upgrades, and evictions.
/// </summary>
internal sealed class LedgerProcessor(ChainContext chain)
{
    private readonly ArrayBufferWriter<byte> _a = new(1024);
    private readonly ArrayBufferWriter<byte> _b = new(1024);

    public ProcessedLedger Process(LedgerCloseMeta meta, LedgerProvenance provenance, IStateView stored)
    {
        var header = LedgerTransactions.HeaderOf(meta).Header;
        var seq = header.LedgerSeq;
        var working = new WorkingState(stored);
        var summary = chain.Summary;
        var txs = AppliedTransactions.Of(meta, chain.Network?.Id ?? default, seq);
        var wanted = chain.Wanted(seq);
        if (wanted)
        {
            summary.Ledgers++;
            summary.Transactions += txs.Transactions.Count;
            if (!summary.TxSetHash.Record(txs.ContentsHash == header.ScpValue.TxSetHash))
            {
                var phases = meta switch
                {
                    LedgerCloseMeta.V1 { Value.TxSet: GeneralizedTransactionSet.V1 g } => g.Value.Phases.Length,
                    LedgerCloseMeta.V2 { Value.TxSet: GeneralizedTransactionSet.V1 g } => g.Value.Phases.Length,
                    _ => 0,
                };
                var shape = phases is 0 or 2 ? "" : string.Create(CultureInfo.InvariantCulture, $" (the set has {phases} phases; a valid generalized set has 2)");
                chain.Warn($"ledger {seq}: the transaction set hashes to {txs.ContentsHash}, the header records {header.ScpValue.TxSetHash}{shape}");
            }
        }

        var upgrades = TransactionParts.UpgradesOf(meta);
        var ledger = new LedgerInputs(this, chain, provenance, header, txs.ContentsHash, upgrades, working, wanted);
        var results = new List<CaseBuildResult>();

        foreach (var tx in txs.Transactions)
            Apply(tx.FeeProcessing, working, seq, $"fee processing of transaction {tx.Index}");

        var list = txs.Transactions;
        for (var start = 0; start < list.Count;)
        {
            var end = start;
            while (end < list.Count && list[end].Placement.Phase == list[start].Placement.Phase)
                end++;
            var phase = list.Skip(start).Take(end - start).ToList();
            if (phase[0].Placement.Parallel)
                ApplyParallelPhase(phase, ledger, results);
            else
                ApplySequentialPhase(phase, ledger, results);
            start = end;
        }

        foreach (var tx in txs.Transactions)
            Apply(tx.PostApplyFeeProcessing, working, seq, $"post-apply fee processing of transaction {tx.Index}");

        var fromTestConfig = new HashSet<ConfigSettingID>(chain.State.SettingsFromTestConfig);
        for (var u = 0; u < upgrades.Length; u++)
        {
            Apply(upgrades[u].Changes, working, seq, $"upgrade {u}");
            foreach (var change in upgrades[u].Changes)
            {
                var written = change switch
                {
                    LedgerEntryChange.Updated updated => updated.Value.Data,
                    LedgerEntryChange.Created created => created.Value.Data,
                    _ => null,
                };
                if (written is LedgerEntryData.ConfigSetting cs)
                    fromTestConfig.Remove(cs.Value.ConfigSettingID);
            }
        }

        Evict(meta, working, ledger.ProtocolBeforeUpgrades ?? header.LedgerVersion);
        var stateSize = UpdateStateSizeWindow(meta, header, upgrades, working, stored, ledger.ProtocolBeforeUpgrades);

        var state = chain.State with
        {
            LastLedger = seq,
            LastHeader = header,
            SettingsFromTestConfig = [.. fromTestConfig.Order()],
            SorobanStateSize = stateSize,
        };
        return new ProcessedLedger(working.ToDelta(), state, results);
    }


    private void ApplySequentialPhase(List<AppliedTransaction> phase, LedgerInputs ledger, List<CaseBuildResult> results)
    {
        var working = ledger.Working;
        var seq = ledger.Sequence;
        foreach (var tx in phase)
        {
            var (before, operations, after) = tx.Changes;
            Apply(before, working, seq, $"transaction {tx.Index} (changes before)");
            ledger.BuildCases(tx, working, results);
            for (var op = 0; op < operations.Length; op++)
                Apply(operations[op], working, seq, $"transaction {tx.Index} operation {op}");
            Apply(after, working, seq, $"transaction {tx.Index} (changes after)");
        }
    }

    private void ApplyParallelPhase(List<AppliedTransaction> phase, LedgerInputs ledger, List<CaseBuildResult> results)
    {
        var working = ledger.Working;
        var seq = ledger.Sequence;
        // preParallelApply: every transaction's sequence number bump (and the like) before any runs.
        foreach (var tx in phase)
            Apply(tx.Changes.Before, working, seq, $"transaction {tx.Index} (changes before)");

        for (var start = 0; start < phase.Count;)
        {
            var stage = phase[start].Placement.Stage;
            var end = start;
            while (end < phase.Count && phase[end].Placement.Stage == stage)
                end++;
            for (var k = end; k < phase.Count; k++)
            {
                if (phase[k].Placement.Stage == stage)
                    throw new HistoryDataException($"ledger {seq}: transactions of stage {stage} are not contiguous in apply order");
            }
            ApplyStage(phase.GetRange(start, end - start), ledger, results);
            start = end;
        }
    }

    private void ApplyStage(List<AppliedTransaction> stage, LedgerInputs ledger, List<CaseBuildResult> results)
    {
        var working = ledger.Working;
        var seq = ledger.Sequence;
        var readWrite = new HashSet<StateKey>();
        foreach (var tx in stage)
        {
            var footprint = tx.Footprint;
            for (var i = 0; i < footprint.ReadWrite.Length; i++)
            {
                readWrite.Add(footprint.ReadWrite[i]);
                if (footprint.ReadWriteTtl[i] is { } ttl)
                    readWrite.Add(ttl);
            }
        }

        var clusters = new SortedDictionary<int, ClusterState>();
        foreach (var tx in stage)
        {
            if (!clusters.TryGetValue(tx.Placement.Cluster, out var cluster))
                clusters[tx.Placement.Cluster] = cluster = new ClusterState(working);
            var footprint = tx.Footprint;
            cluster.FlushBumpsWrittenBy(footprint.ReadWriteTtl, seq);
            ledger.BuildCases(tx, cluster, results);
            var txState = new OverlayState(cluster);
            var (_, operations, after) = tx.Changes;
            for (var op = 0; op < operations.Length; op++)
                Apply(operations[op], txState, seq, $"transaction {tx.Index} operation {op}");
            Apply(after, txState, seq, $"transaction {tx.Index} (changes after)");
            cluster.Commit(txState, [.. footprint.ReadOnlyTtl.OfType<StateKey>()]);
        }

        var merged = new Dictionary<StateKey, LedgerEntry?>();
        foreach (var cluster in clusters.Values)
        {
            cluster.FlushRemainingBumps(seq);
            foreach (var (key, entry) in cluster.Written)
            {
                if (merged.TryGetValue(key, out var earlier) && earlier?.Data is LedgerEntryData.Ttl a
                    && entry?.Data is LedgerEntryData.Ttl b && !readWrite.Contains(key))
                {
                    if (b.Value.LiveUntilLedgerSeq > a.Value.LiveUntilLedgerSeq)
                        merged[key] = WithLiveUntil(earlier, b.Value.LiveUntilLedgerSeq, earlier.LastModifiedLedgerSeq);
                }
                else
                {
                    merged[key] = entry;
                }
            }
        }
        foreach (var (key, entry) in merged)
            working.Set(key, entry);
    }

    internal static LedgerEntry WithLiveUntil(LedgerEntry ttlEntry, uint liveUntil, uint lastModified)
    {
        var ttl = ((LedgerEntryData.Ttl)ttlEntry.Data).Value;
        return new LedgerEntry
        {
            LastModifiedLedgerSeq = lastModified,
            Data = new LedgerEntryData.Ttl(new TTLEntry { KeyHash = ttl.KeyHash, LiveUntilLedgerSeq = liveUntil }),
            Ext = ttlEntry.Ext,
        };
    }

    /// <summary>
    /// Applies changes in order. A STATE pre-image is checked against the rebuilt state (a
    /// mismatch is counted, reported and the recorded value taken), or teaches a partial state a
    /// key it did not know. RESTORED of a key that was in the hot archive takes it out.
    /// </summary>
    private void Apply(LedgerEntryChange[] changes, IEntryLookup target, uint seq, string where)
    {
        foreach (var change in changes)
        {
            switch (change)
            {
                case LedgerEntryChange.State s:
                {
                    if (!HostReadable.IsKept(s.Value))
                        break;
                    var key = StateKey.Of(s.Value);
                    if (!target.TryGet(key, out var current)
                        || (current is null && chain.State.Basis == StateBasis.Genesis && s.Value.Data is LedgerEntryData.Account))
                    {
                        target.Learn(key, s.Value);
                    }
                    else if (!SameEntry(current, s.Value))
                    {
                        chain.Summary.StateMismatches++;
                        chain.Warn(string.Create(CultureInfo.InvariantCulture,
                            $"ledger {seq}, {where}: the recorded pre-state of {Describe(key)} differs from the rebuilt state ({(current is null ? "absent" : "present")}); taking the recorded value"));
                        Set(target, key, s.Value);
                    }
                    break;
                }
                case LedgerEntryChange.Created c when HostReadable.IsKept(c.Value):
                    Set(target, StateKey.Of(c.Value), c.Value);
                    break;
                case LedgerEntryChange.Updated u when HostReadable.IsKept(u.Value):
                    Set(target, StateKey.Of(u.Value), u.Value);
                    break;
                case LedgerEntryChange.Restored r when HostReadable.IsKept(r.Value):
                {
                    var key = StateKey.Of(r.Value);
                    var root = target.Root;
                    if (r.Value.Data is LedgerEntryData.ContractData or LedgerEntryData.ContractCode
                        && !(target.TryGet(key, out var live) && live is not null)
                        && root.TryGetHotArchive(key, out var archived) && archived is not null)
                    {
                        root.RestoredFromHotArchive.Add(key);
                        root.SetHotArchive(key, null);
                    }
                    Set(target, key, r.Value);
                    break;
                }
                case LedgerEntryChange.Removed d when HostReadable.IsKept(d.Value):
                    Set(target, StateKey.Of(d.Value), null);
                    break;
            }
        }
    }

    private static void Set(IEntryLookup target, StateKey key, LedgerEntry? entry)
    {
        switch (target)
        {
            case WorkingState w:
                w.Set(key, entry);
                break;
            case OverlayState o:
                o.Set(key, entry);
                break;
            default:
                throw new InvalidOperationException($"cannot write to {target.GetType().Name}");
        }
    }

    internal bool SameEntry(LedgerEntry? a, LedgerEntry? b)
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a is null || b is null)
            return false;
        _a.ResetWrittenCount();
        _b.ResetWrittenCount();
        XdrCodec.Encode(a, _a);
        XdrCodec.Encode(b, _b);
        return _a.WrittenSpan.SequenceEqual(_b.WrittenSpan);
    }

    internal static string JsonOf(LedgerEntry? entry) => entry is null ? "absent" : Replay.Stellar.Json.XdrJsonText.ToJson(entry);

    internal static string Describe(StateKey key)
    {
        try
        {
            return Replay.Stellar.Json.XdrJsonText.ToJson(key.Decode());
        }
        catch (XdrException)
        {
            return key.ToString();
        }
    }

    /// <summary>
    /// Evicted keys leave the live state. From protocol 23 an evicted persistent entry moves to
    /// the hot archive (where automatic restore finds it); temporary entries and TTLs are gone.
    /// </summary>
    private static void Evict(LedgerCloseMeta meta, WorkingState working, uint protocol)
    {
        var keys = meta switch
        {
            LedgerCloseMeta.V1 v1 => v1.Value.EvictedKeys,
            LedgerCloseMeta.V2 v2 => v2.Value.EvictedKeys,
            _ => [],
        };
        foreach (var key in keys)
        {
            if (!HostReadable.IsKept(key))
                continue;
            var stateKey = StateKey.Of(key);
            if (protocol >= HostCallPlan.ParallelSorobanProtocol && LedgerKeys.IsPersistent(key)
                && working.TryGet(stateKey, out var entry) && entry is not null)
                working.SetHotArchive(stateKey, entry);
            working.Set(stateKey, null);
        }
    }

    /// <summary>
    /// Keeps the live Soroban state size window as stellar-core does at ledger close, and the
    /// in-memory Soroban state size it is fed from (<see cref="SorobanStateSize"/>); returns that
    /// size at the end of this ledger, or null when it is not known. In core's order:
    /// <list type="number">
    /// <item>An upgrade to protocol 23 or later, or of the memory cost parameters (from 23),
    /// rewrites every slot with the size at the end of the previous ledger, code resized under the
    /// new config. The upgrade meta records that write; the recorded value is taken (and our
    /// running size checked against it).</item>
    /// <item>At a sample-period ledger the window drops its oldest slot and takes that same size
    /// (core snapshots before this ledger's own changes reach its in-memory state); before
    /// protocol 23 it takes the bucket list size, which the replay does not rebuild, so the
    /// window is dropped.</item>
    /// <item>This ledger's net changes of contract data and code then move the size.</item>
    /// </list>
    /// The recorded <c>totalByteSizeOfLiveSorobanState</c> of the meta (the window's average after
    /// close) checks the window (<see cref="CaseRunSummary.StateSizeWindow"/>).
    /// </summary>
    private ulong? UpdateStateSizeWindow(LedgerCloseMeta meta, LedgerHeader header, UpgradeEntryMeta[] upgrades, WorkingState working,
        IStateView stored, uint? protocolBefore)
    {
        var seq = header.LedgerSeq;
        var protocol = header.LedgerVersion;
        var size = chain.State.SorobanStateSize;
        var windowKey = SettingsSnapshot.StateKeyOf(ConfigSettingID.LiveSorobanStateSizeWindow);

        if (protocol >= SorobanStateSize.FromProtocol && RecordedReset(upgrades, protocolBefore) is { } reset)
        {
            if (size is { } ours && !chain.Summary.StateSizeReset.Record(ours == reset))
                chain.Warn(string.Create(CultureInfo.InvariantCulture,
                    $"ledger {seq}: the upgrade rewrites the state size window with {reset}; the rebuilt Soroban state size is {ours}"));
            size = reset;
        }

        if (working.TryGet(SettingsSnapshot.StateKeyOf(ConfigSettingID.StateArchival), out var archival)
            && archival?.Data is LedgerEntryData.ConfigSetting { Value: ConfigSettingEntry.StateArchival sa }
            && sa.Value.LiveSorobanStateSizeWindowSamplePeriod != 0
            && seq % sa.Value.LiveSorobanStateSizeWindowSamplePeriod == 0
            && working.TryGet(windowKey, out var windowEntry)
            && windowEntry?.Data is LedgerEntryData.ConfigSetting { Value: ConfigSettingEntry.LiveSorobanStateSizeWindow w })
        {
            if (protocol >= SorobanStateSize.FromProtocol && size is { } sample && w.Value.Length > 0)
            {
                working.Set(windowKey, new LedgerEntry
                {
                    LastModifiedLedgerSeq = seq,
                    Data = new LedgerEntryData.ConfigSetting(new ConfigSettingEntry.LiveSorobanStateSizeWindow([.. w.Value.Skip(1), sample])),
                    Ext = windowEntry.Ext,
                });
            }
            else
            {
                working.Set(windowKey, null);
            }
        }

        size = Moved(size, working, stored, protocol);

        var recordedAverage = meta switch
        {
            LedgerCloseMeta.V1 v1 => v1.Value.TotalByteSizeOfLiveSorobanState,
            LedgerCloseMeta.V2 v2 => v2.Value.TotalByteSizeOfLiveSorobanState,
            _ => (ulong?)null,
        };
        if (recordedAverage is { } recorded && protocol >= SorobanStateSize.FromProtocol
            && working.TryGet(windowKey, out var after)
            && after?.Data is LedgerEntryData.ConfigSetting { Value: ConfigSettingEntry.LiveSorobanStateSizeWindow { Value.Length: > 0 } known }
            && chain.Wanted(seq))
        {
            var average = SorobanStateSize.Average(known.Value);
            if (!chain.Summary.StateSizeWindow.Record(average == recorded))
                chain.Warn(string.Create(CultureInfo.InvariantCulture,
                    $"ledger {seq}: the rebuilt state size window averages {average}; the meta records {recorded}"));
        }
        return size;
    }

    /// <summary>
    /// The size an upgrade of this ledger wrote into every slot of the window (an upgrade to
    /// protocol 23 or later, or a memory cost parameters upgrade), as its meta records it.
    /// </summary>
    private static ulong? RecordedReset(UpgradeEntryMeta[] upgrades, uint? protocolBefore)
    {
        ulong? reset = null;
        foreach (var u in upgrades)
        {
            var resets = u.Upgrade switch
            {
                LedgerUpgrade.Version v => v.Value >= SorobanStateSize.FromProtocol && protocolBefore != v.Value,
                LedgerUpgrade.Config => u.Changes.Any(c => c is LedgerEntryChange.Updated
                {
                    Value.Data: LedgerEntryData.ConfigSetting { Value: ConfigSettingEntry.ContractCostParamsMemoryBytes },
                }),
                _ => false,
            };
            if (!resets)
                continue;
            foreach (var change in u.Changes)
            {
                var written = change switch
                {
                    LedgerEntryChange.Updated up => up.Value.Data,
                    LedgerEntryChange.Created cr => cr.Value.Data,
                    _ => null,
                };
                if (written is LedgerEntryData.ConfigSetting { Value: ConfigSettingEntry.LiveSorobanStateSizeWindow { Value.Length: > 0 } w })
                    reset = w.Value[^1];
            }
        }
        return reset;
    }

    /// <summary>
    /// The size after this ledger's net changes of contract data and code (sized under the
    /// config in force after its upgrades, as core sizes them when they reach its in-memory
    /// state); null when an entry's previous value or size is not known.
    /// </summary>
    private ulong? Moved(ulong? size, WorkingState working, IStateView stored, uint protocol)
    {
        if (size is not { } total)
            return null;
        var delta = working.ToDelta().Live;
        if (!delta.Keys.Any(k => k.IsSoroban))
            return total;
        var cpu = working.TryGet(SettingsSnapshot.StateKeyOf(ConfigSettingID.ContractCostParamsCpuInstructions), out var c)
            && c?.Data is LedgerEntryData.ConfigSetting { Value: ConfigSettingEntry.ContractCostParamsCpuInstructions cp } ? cp.Value : null;
        var mem = working.TryGet(SettingsSnapshot.StateKeyOf(ConfigSettingID.ContractCostParamsMemoryBytes), out var m)
            && m?.Data is LedgerEntryData.ConfigSetting { Value: ConfigSettingEntry.ContractCostParamsMemoryBytes mp } ? mp.Value : null;
        long change = 0;
        foreach (var (key, entry) in delta)
        {
            if (!key.IsSoroban)
                continue;
            if (!stored.TryGetLive(key, out var old))
                return null;
            if (SorobanStateSize.SizeOf(old, protocol, chain.CodeRentSize, cpu, mem) is not { } oldSize
                || SorobanStateSize.SizeOf(entry, protocol, chain.CodeRentSize, cpu, mem) is not { } newSize)
                return null;
            change += (long)newSize - (long)oldSize;
        }
        var result = (long)total + change;
        if (result < 0)
            throw new HistoryDataException(string.Create(CultureInfo.InvariantCulture,
                $"the rebuilt Soroban state size went below zero ({total} then {change:+#;-#;0})"));
        return (ulong)result;
    }

    /// <summary>A cluster of a parallel stage: its own changes over the stage's state, with read-only TTL bumps held back until a write of the key or the cluster's end.</summary>
    private sealed class ClusterState(IEntryLookup stage) : OverlayState(stage)
    {
        private readonly Dictionary<StateKey, uint> _deferred = [];

        public void FlushBumpsWrittenBy(StateKey?[] readWriteTtlKeys, uint seq)
        {
            if (_deferred.Count == 0)
                return;
            foreach (var key in readWriteTtlKeys)
            {
                if (key is { } ttlKey && _deferred.Remove(ttlKey, out var bump) && TryGet(ttlKey, out var ttl) && ttl is not null)
                    Set(ttlKey, WithLiveUntil(ttl, bump, seq));
            }
        }

        public void Commit(OverlayState tx, HashSet<StateKey> readOnlyTtlKeys)
        {
            foreach (var (key, entry) in tx.Written)
            {
                if (entry?.Data is LedgerEntryData.Ttl ttl && readOnlyTtlKeys.Contains(key) && TryGet(key, out var old) && old is not null)
                {
                    var bump = ttl.Value.LiveUntilLedgerSeq;
                    _deferred[key] = _deferred.TryGetValue(key, out var held) ? Math.Max(held, bump) : bump;
                }
                else
                {
                    Set(key, entry);
                }
            }
        }

        public void FlushRemainingBumps(uint seq)
        {
            foreach (var (key, bump) in _deferred)
            {
                if (TryGet(key, out var ttl) && ttl?.Data is LedgerEntryData.Ttl t && t.Value.LiveUntilLedgerSeq < bump)
                    Set(key, WithLiveUntil(ttl, bump, seq));
            }
            _deferred.Clear();
        }
    }

    /// <summary>What every case of one ledger shares: ledger info before upgrades, settings, tx-set hash; and the case construction itself.</summary>
    private sealed class LedgerInputs
    {
        private readonly LedgerProcessor _processor;
        private readonly ChainContext _chain;
        private readonly LedgerProvenance _provenance;
        private readonly LedgerHeader _header;
        private readonly Hash _baseSeed;
        private readonly bool _wanted;
        private readonly SettingsSnapshot _settings;

        public LedgerInputs(LedgerProcessor processor, ChainContext chain, LedgerProvenance provenance, LedgerHeader header,
            Hash baseSeed, UpgradeEntryMeta[] upgrades, WorkingState working, bool wanted)
        {
            _processor = processor;
            _chain = chain;
            _provenance = provenance;
            _header = header;
            _baseSeed = baseSeed;
            _wanted = wanted;
            Working = working;
            Sequence = header.LedgerSeq;
            // The header in the meta is the one after this ledger's upgrades; transactions ran under the previous one's version and reserve.
            if (chain.State.LastHeader is { } previous && previous.LedgerSeq + 1 == header.LedgerSeq)
            {
                ProtocolBeforeUpgrades = previous.LedgerVersion;
                BaseReserveBeforeUpgrades = previous.BaseReserve;
            }
            else if (!upgrades.Any(u => u.Upgrade is LedgerUpgrade.Version or LedgerUpgrade.BaseReserve))
            {
                ProtocolBeforeUpgrades = header.LedgerVersion;
                BaseReserveBeforeUpgrades = header.BaseReserve;
            }
            _settings = SettingsSnapshot.Read(working, ProtocolBeforeUpgrades ?? header.LedgerVersion);
            _settingsProvenance = SettingsProvenance();
        }

        private readonly string _settingsProvenance;

        public WorkingState Working { get; }

        public uint Sequence { get; }

        public uint? ProtocolBeforeUpgrades { get; }

        public uint? BaseReserveBeforeUpgrades { get; }

        public void BuildCases(AppliedTransaction tx, IEntryLookup view, List<CaseBuildResult> results)
        {
            if (!_wanted)
                return;
            var (txSource, operations, soroban) = TransactionParts.Of(tx.Envelope);
            for (var op = 0; op < operations.Length; op++)
            {
                if (operations[op].Body is not OperationBody.InvokeHostFunction invoke)
                    continue;
                var result = Build(tx, op, operations[op], invoke.Value, txSource, soroban, view);
                _chain.Summary.Invocations++;
                switch (result)
                {
                    case BuiltCase:
                        _chain.Summary.Cases++;
                        break;
                    case NotApplied:
                        _chain.Summary.NotApplied++;
                        break;
                    case NotReplayable nr:
                        _chain.Summary.NotReplayable[nr.Reason] = _chain.Summary.NotReplayable.GetValueOrDefault(nr.Reason) + 1;
                        break;
                }
                results.Add(result);
            }
        }

        private CaseBuildResult Build(AppliedTransaction tx, int opIndex, Operation op, InvokeHostFunctionOp invoke,
            MuxedAccount txSource, SorobanTransactionData? soroban, IEntryLookup view)
        {
            var network = _chain.Network ?? throw new InvalidOperationException("transactions applied before the network was known");
            var id = new CaseId(network.Id, Sequence, tx.Index, opIndex, tx.Hash);
            var (txCode, opResults) = TransactionParts.ResultOf(tx.Result);
            if (opResults is null || opIndex >= opResults.Length)
                return new NotApplied(id, txCode, null);
            if (opResults[opIndex] is not OperationResult.OpInner { Value: OperationResultTr.InvokeHostFunction ihf })
                return new NotApplied(id, txCode, opResults[opIndex].Code);

            var recorded = Recorded(tx, opIndex, txCode, ihf.Value);
            var resources = soroban?.Resources;
            if (ProtocolBeforeUpgrades is not { } protocol || BaseReserveBeforeUpgrades is not { } baseReserve)
                return new NotReplayable(id, NotReplayable.UnknownHeader,
                    $"ledger {Sequence} carries a protocol or base reserve upgrade and the previous ledger's header is not known", []);
            if (soroban is null || resources is null)
                throw new HistoryDataException(string.Create(CultureInfo.InvariantCulture,
                    $"ledger {Sequence}: transaction {tx.Index} applied an InvokeHostFunction operation without Soroban data"));

            var missing = new List<LedgerKey>(_settings.Missing);
            var keys = tx.Footprint;
            var footprint = new List<FootprintEntry>(keys.ReadOnly.Length + keys.ReadWrite.Length);
            for (var i = 0; i < keys.ReadOnly.Length; i++)
                footprint.Add(Classify(resources.Footprint.ReadOnly[i], keys.ReadOnly[i], keys.ReadOnlyTtl[i], true, view, protocol, missing));
            for (var i = 0; i < keys.ReadWrite.Length; i++)
                footprint.Add(Classify(resources.Footprint.ReadWrite[i], keys.ReadWrite[i], keys.ReadWriteTtl[i], false, view, protocol, missing));
            if (missing.Count > 0)
            {
                return new NotReplayable(id, NotReplayable.MissingState, string.Create(CultureInfo.InvariantCulture,
                    $"the state ({_chain.State.Origin}) does not hold {missing.Count} ledger entr{(missing.Count == 1 ? "y" : "ies")} the operation reads"), [.. missing]);
            }

            CheckPreState(tx, view);
            var settings = _settings.Settings!;
            return new BuiltCase(new ReplayCase
            {
                Id = id,
                Provenance = new CaseProvenance
                {
                    Source = _chain.SourceSpec,
                    Object = _provenance.Object,
                    Offset = _provenance.Offset,
                    Network = network.Passphrase,
                    State = _chain.State.Origin,
                    Settings = _settingsProvenance,
                },
                LedgerInfo = new HostLedgerInfo
                {
                    ProtocolVersion = protocol,
                    SequenceNumber = Sequence,
                    Timestamp = _header.ScpValue.CloseTime,
                    NetworkId = network.Id,
                    BaseReserve = baseReserve,
                    MemoryLimit = settings.Compute.TxMemoryLimit,
                    MinTemporaryEntryTtl = settings.StateArchival.MinTemporaryTTL,
                    MinPersistentEntryTtl = settings.StateArchival.MinPersistentTTL,
                    MaxEntryTtl = settings.StateArchival.MaxEntryTTL,
                    CpuCostParams = _settings.CpuCostParams!,
                    MemCostParams = _settings.MemCostParams!,
                },
                Settings = settings,
                HostFunction = invoke.HostFunction,
                Resources = resources,
                ArchivedEntryIndices = soroban.Ext is SorobanTransactionDataExt.V1 ext ? ext.Value.ArchivedSorobanEntries : [],
                ResourceFee = soroban.ResourceFee,
                TransactionSizeBytes = TransactionParts.SizeForFees(tx.Envelope),
                SourceAccount = TransactionParts.AccountOf(op.SourceAccount ?? txSource),
                Auth = invoke.Auth,
                Footprint = [.. footprint],
                PrngSeed = AppliedTransactions.PrngSeed(_baseSeed, tx.Index),
                Recorded = recorded,
            });
        }

        private string SettingsProvenance()
        {
            var fromFile = _chain.State.SettingsFromTestConfig.Where(SettingsSnapshot.CaseSettings.Contains).ToList();
            if (fromFile.Count == 0)
                return "ledger state";
            var names = string.Join(", ", fromFile.Select(id => id.ToString()));
            return $"{_chain.State.TestConfigSource} for {names} (test networks do not write their genesis settings into the stream); the rest from ledger state";
        }

        private FootprintEntry Classify(LedgerKey key, StateKey stateKey, StateKey? ttlStateKey, bool readOnly, IEntryLookup view, uint protocol, List<LedgerKey> missing)
        {
            if (ttlStateKey is not { } ttlKeyOfState)
            {
                if (!view.TryGet(stateKey, out var classic))
                {
                    missing.Add(key);
                    return Footprint(key, readOnly, FootprintEntryState.Absent, null, null);
                }
                return Footprint(key, readOnly, classic is null ? FootprintEntryState.Absent : FootprintEntryState.Live, classic, null);
            }

            if (!view.TryGet(ttlKeyOfState, out var ttlEntry))
            {
                missing.Add(LedgerKeys.TtlKeyOf(key));
                if (!view.TryGet(stateKey, out _))
                    missing.Add(key);
                return Footprint(key, readOnly, FootprintEntryState.Absent, null, null);
            }
            if (ttlEntry?.Data is LedgerEntryData.Ttl ttl)
            {
                if (!view.TryGet(stateKey, out var entry) || entry is null)
                {
                    missing.Add(key);
                    return Footprint(key, readOnly, FootprintEntryState.Absent, null, null);
                }
                var liveUntil = ttl.Value.LiveUntilLedgerSeq;
                var state = liveUntil >= Sequence ? FootprintEntryState.Live
                    : LedgerKeys.IsTemporary(key) ? FootprintEntryState.ExpiredTemporary
                    : FootprintEntryState.Archived;
                return Footprint(key, readOnly, state, entry, liveUntil);
            }

            // No TTL: absent, unless (protocol 23+) a persistent entry sits in the hot archive.
            if (protocol >= HostCallPlan.ParallelSorobanProtocol && LedgerKeys.IsPersistent(key))
            {
                if (Working.RestoredFromHotArchive.Contains(stateKey))
                    return Footprint(key, readOnly, FootprintEntryState.RestoredEarlierInLedger, null, null);
                if (!Working.TryGetHotArchive(stateKey, out var archived))
                {
                    missing.Add(key);
                    return Footprint(key, readOnly, FootprintEntryState.Absent, null, null);
                }
                if (archived is not null)
                    return Footprint(key, readOnly, FootprintEntryState.Evicted, archived, null);
            }
            return Footprint(key, readOnly, FootprintEntryState.Absent, null, null);
        }

        private static FootprintEntry Footprint(LedgerKey key, bool readOnly, FootprintEntryState state, LedgerEntry? entry, uint? liveUntil) =>
            new() { Key = key, ReadOnly = readOnly, State = state, Entry = entry, LiveUntilLedger = liveUntil };

        /// <summary>
        /// --check: for a case, each read-write footprint key (and its TTL) whose pre-image the
        /// operation's meta records must equal the rebuilt pre-state.
        /// </summary>
        private void CheckPreState(AppliedTransaction tx, IEntryLookup view)
        {
            // The operation's own STATE pre-images: the values just before it ran (after the
            // transaction's sequence bump, which the changes before record).
            var (_, operations, _) = tx.Changes;
            var preImages = new Dictionary<StateKey, LedgerEntry>();
            foreach (var change in operations.SelectMany(o => o))
            {
                if (change is LedgerEntryChange.State s && HostReadable.IsKept(s.Value))
                    preImages.TryAdd(StateKey.Of(s.Value), s.Value);
            }
            if (preImages.Count == 0)
                return;
            var keys = tx.Footprint;
            for (var i = 0; i < keys.ReadWrite.Length; i++)
            {
                Check(keys.ReadWrite[i]);
                if (keys.ReadWriteTtl[i] is { } ttl)
                    Check(ttl);
            }

            void Check(StateKey key)
            {
                if (preImages.TryGetValue(key, out var recorded) && view.TryGet(key, out var rebuilt))
                {
                    if (!_chain.Summary.PreState.Record(_processor.SameEntry(rebuilt, recorded)))
                        _chain.Warn($"ledger {Sequence} transaction {tx.Index}: rebuilt pre-state of read-write {Describe(key)} differs from the meta's pre-image: rebuilt {JsonOf(rebuilt)}, recorded {JsonOf(recorded)}");
                }
            }
        }

        private RecordedOutcome Recorded(AppliedTransaction tx, int opIndex, TransactionResultCode txCode, InvokeHostFunctionResult result)
        {
            var (_, operations, _) = tx.Changes;
            var (events, returnValue, diagnostics, fees) = TransactionParts.SorobanOf(tx.Meta, opIndex);
            Hash? successHash = result is InvokeHostFunctionResult.Success s ? s.Value : null;
            if (successHash is { } recordedHash && returnValue is not null)
            {
                var preImage = new InvokeHostFunctionSuccessPreImage { ReturnValue = returnValue, Events = events };
                var computed = Hash.FromBytes(SHA256.HashData(XdrCodec.Encode(preImage)));
                if (!_chain.Summary.SuccessHash.Record(computed == recordedHash))
                    _chain.Warn($"ledger {Sequence} transaction {tx.Index}: SHA-256 of the success pre-image {computed} differs from the result's {recordedHash}");
            }
            return new RecordedOutcome
            {
                TransactionResult = txCode,
                OperationResult = result.Code,
                SuccessHash = successHash,
                ReturnValue = successHash is null ? null : returnValue,
                ContractEvents = events,
                DiagnosticEvents = diagnostics,
                CpuInstructions = CoreMetric(diagnostics, "cpu_insn"),
                MemoryBytes = CoreMetric(diagnostics, "mem_byte"),
                LedgerChanges = opIndex < operations.Length ? operations[opIndex] : [],
                Fees = new RecordedFees
                {
                    FeeCharged = tx.Result.FeeCharged,
                    InitialFeeCharged = InitialFeeCharged(tx.FeeProcessing),
                    NonRefundableResourceFeeCharged = fees?.TotalNonRefundableResourceFeeCharged,
                    RefundableResourceFeeCharged = fees?.TotalRefundableResourceFeeCharged,
                    RentFeeCharged = fees?.RentFeeCharged,
                },
            };
        }

        /// <summary>
        /// The balance fee processing took: the one account whose STATE and UPDATED the changes
        /// hold, the drop between them; null when the changes show no such pair.
        /// </summary>
        private static long? InitialFeeCharged(LedgerEntryChange[] feeProcessing)
        {
            AccountEntry? before = null;
            AccountEntry? after = null;
            foreach (var change in feeProcessing)
            {
                switch (change)
                {
                    case LedgerEntryChange.State { Value.Data: LedgerEntryData.Account a }:
                        if (before is not null)
                            return null;
                        before = a.Value;
                        break;
                    case LedgerEntryChange.Updated { Value.Data: LedgerEntryData.Account a }:
                        if (after is not null)
                            return null;
                        after = a.Value;
                        break;
                }
            }
            if (before is null || after is null || !XdrCodec.Encode(before.AccountID).AsSpan().SequenceEqual(XdrCodec.Encode(after.AccountID)))
                return null;
            return before.Balance - after.Balance;
        }

        /// <summary>A core_metrics diagnostic event's value: topics ["core_metrics", name], data a u64.</summary>
        private static ulong? CoreMetric(DiagnosticEvent[] diagnostics, string name)
        {
            foreach (var d in diagnostics)
            {
                if (d.Event.Body is ContractEventBody.V0 { Value: { Topics: [SCVal.Symbol first, SCVal.Symbol second], Data: SCVal.U64 value } }
                    && first.Value == "core_metrics" && second.Value == name)
                    return value.Value;
            }
            return null;
        }
    }
}
