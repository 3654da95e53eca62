using Replay.History.Cases;
using Replay.Soroban.Vm;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Invocation;

/// <summary>Options of a run.</summary>
public sealed record RunOptions
{
    /// <summary>Whether the host records diagnostic events; null: as the recording did (it holds diagnostic events).</summary>
    public bool? Diagnostics { get; init; }

    /// <summary>Compiles modules for the engine (to reuse compiled modules across runs); null compiles afresh.</summary>
    public ModuleCompiler? Compile { get; init; }

    /// <summary>Observes every host-function call and context frame of the run (first-divergent-step reports); null for none.</summary>
    public Host.IHostTracer? Tracer { get; init; }

    /// <summary>Sees the host's raw result (budget totals per cost type...) before core's handling; for tools.</summary>
    public Action<HostInvocationResult>? Inspect { get; init; }
}

/// <summary>
/// Runs a replay case on an engine the way stellar-core runs the operation: core's footprint
/// checks (<see cref="HostCallPlan"/>), the host (<see cref="HostInvoker"/>), then core's
/// handling of the host's output (<see cref="CoreApply"/>).
/// </summary>
public static class Invoker
{
    public static Outcome Run(ReplayCase c, IEngine engine, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(engine);
        options ??= new RunOptions();
        var outcomeEngine = new OutcomeEngine(engine.Identity, engine.Config.Mode);
        var diagnostics = options.Diagnostics ?? c.Recorded.DiagnosticEvents.Length > 0;
        var protocol = (int)c.LedgerInfo.ProtocolVersion;
        if (protocol < HostInfo.MinProtocol || protocol > HostInfo.MaxProtocol)
            return NotImplemented(outcomeEngine, $"ledger protocol {protocol} (the host implements {HostInfo.MinProtocol}-{HostInfo.MaxProtocol})");

        var plan = HostCallPlan.Prepare(c);
        var reads = CoreReads.Of(c, diagnostics);
        if (!plan.CallsHost)
        {
            return new Outcome
            {
                Engine = outcomeEngine,
                Status = OutcomeStatus.Failed,
                ResultCode = plan.FailureCode,
                HostCalled = false,
                DiagnosticEvents = diagnostics ? reads.Diagnostics : [],
                CoreMetrics = CoreApply.MetricsWithoutHost(reads.Metrics),
            };
        }

        var input = new HostInvocationInput
        {
            Protocol = protocol,
            Ledger = new Host.LedgerInfo(c.LedgerInfo.ProtocolVersion, c.LedgerInfo.SequenceNumber, c.LedgerInfo.Timestamp,
                c.LedgerInfo.NetworkId.ToArray(), c.LedgerInfo.BaseReserve, c.LedgerInfo.MinTemporaryEntryTtl,
                c.LedgerInfo.MinPersistentEntryTtl, c.LedgerInfo.MaxEntryTtl),
            MemoryLimit = c.LedgerInfo.MemoryLimit,
            CpuCostParams = c.LedgerInfo.CpuCostParams,
            MemCostParams = c.LedgerInfo.MemCostParams,
            HostFunction = c.HostFunction,
            Resources = c.Resources,
            RestoredReadWriteIndices = plan.RestoredReadWriteIndices,
            SourceAccount = c.SourceAccount,
            Auth = c.Auth,
            LedgerEntries = [.. plan.Entries.Select(e => (e.Entry, e.Ttl))],
            PrngSeed = c.PrngSeed.ToArray(),
            Diagnostics = diagnostics,
            CachedModules = protocol >= ModuleCache.CoreCacheFromProtocol ? CachedModules(c) : null,
        };

        HostInvocationResult result;
        try
        {
            // The run's linear memories reuse the buffers of earlier runs on this thread (see MemoryBufferScope): nothing of them outlives the host.
            using (MemoryBufferScope.Open())
                result = HostInvoker.Invoke(input, engine, options.Compile, options.Tracer);
        }
        catch (NotImplementedInHostException e)
        {
            return NotImplemented(outcomeEngine, e.What);
        }

        options.Inspect?.Invoke(result);
        var restored = new HashSet<uint>(plan.RestoredReadWriteIndices);
        var readOnlyCount = c.Resources.Footprint.ReadOnly.Length;
        var footprint = c.Footprint.Select((f, i) =>
        {
            var rwIndex = f.ReadOnly ? -1 : i - readOnlyCount;
            var isRestored = !f.ReadOnly && restored.Contains((uint)rwIndex);
            // Entries physically in the live state before the operation, whatever the host was given
            // (an expired temporary entry is absent for the host but still there for core's upserts).
            var inLiveState = f.State is FootprintEntryState.Live or FootprintEntryState.Archived or FootprintEntryState.ExpiredTemporary;
            LedgerEntry? pre = inLiveState ? f.Entry : null;
            uint? preLive = inLiveState ? f.LiveUntilLedger : null;
            return new CoreFootprintEntry(f.Key, f.ReadOnly, pre, preLive, isRestored ? f.Entry : null, isRestored && f.State == FootprintEntryState.Evicted);
        }).ToList();
        var ctx = new CoreContext
        {
            Protocol = protocol,
            LedgerSeq = c.LedgerInfo.SequenceNumber,
            Resources = c.Resources,
            Footprint = footprint,
            Limits = new CoreLimits(c.Settings.ContractMaxSizeBytes, c.Settings.ContractDataEntrySizeBytes,
                c.Settings.Events.TxMaxContractEventsSizeBytes, c.Settings.Compute.TxMemoryLimit),
            MinPersistentTtl = c.Settings.StateArchival.MinPersistentTTL,
            Diagnostics = diagnostics,
            ReadMetrics = reads.Metrics,
            PreHostDiagnostics = reads.Diagnostics,
            RefundableFee = RefundableFeeCheckOf(c),
        };
        return CoreApply.ToOutcome(ctx, result, outcomeEngine);
    }

    /// <summary>
    /// Core's refundable-fee check for the case (from protocol 23): the declared resource fee less
    /// the non-refundable fee core computes before applying (<see cref="Fees.NonRefundableResourceFee"/>),
    /// rent priced from the state size window's average, writes at the flat write price. Null
    /// before protocol 23: there the window holds bucket list sizes, which the replay does not
    /// rebuild (they are known only until the first sample-period ledger), and on corpus/core-tests
    /// the rent computed from the window known at protocol 20 does not reproduce what 2 of 10
    /// successful transactions were charged (FeeOracleTests), so the check is not made there.
    /// </summary>
    public static RefundableFeeCheck? RefundableFeeCheckOf(ReplayCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var protocol = (int)c.LedgerInfo.ProtocolVersion;
        if (protocol < 23 || c.Settings.LedgerCostExt is not { } ext
            || Fees.RentFeePer1Kb(c.Settings) is not { } rentPer1Kb || Fees.NonRefundableResourceFee(c) is not { } nonRefundable)
            return null;
        var config = new RentFeeConfig(ext.FeeWrite1KB, rentPer1Kb, c.Settings.LedgerCost.FeeWriteLedgerEntry,
            c.Settings.StateArchival.PersistentRentRateDenominator, c.Settings.StateArchival.TempRentRateDenominator);
        var seq = c.LedgerInfo.SequenceNumber;
        var eventsRate = c.Settings.Events.FeeContractEvents1KB;
        return new RefundableFeeCheck(c.ResourceFee - nonRefundable,
            changes => Fees.RentFee(Fees.RentChanges(changes), config, seq, protocol),
            size => Fees.EventsFee(size, eventsRate));
    }

    private static Outcome NotImplemented(OutcomeEngine engine, string what) => new()
    {
        Engine = engine,
        Status = OutcomeStatus.NotImplemented,
        ResultCode = null,
        NotImplemented = "not implemented: " + what,
        HostCalled = false,
    };

    /// <summary>
    /// The code hashes in core's module cache for this transaction: contract code entries live in
    /// the ledger state when the ledger started (present and last modified before this ledger;
    /// evicted entries were dropped from the cache, and code written in this ledger is only added
    /// when it closes).
    /// </summary>
    public static IReadOnlySet<Hash> CachedModules(ReplayCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var set = new HashSet<Hash>();
        foreach (var f in c.Footprint)
        {
            if (f.Key is LedgerKey.ContractCode code && f.State is FootprintEntryState.Live or FootprintEntryState.Archived
                && f.Entry is { } e && e.LastModifiedLedgerSeq < c.LedgerInfo.SequenceNumber)
                set.Add(code.Value.Hash);
        }
        return set;
    }
}

/// <summary>
/// What stellar-core's footprint checks (addReads, before the host call) record besides the
/// entries the host gets: the read figures of core_metrics and the error diagnostic event of a
/// failing check (fact: InvokeHostFunctionOpFrame.cpp addReads, handleArchivedEntry,
/// meterDiskReadResource, validateContractLedgerEntry).
/// </summary>
public sealed class CoreReads
{
    private CoreReads(List<CoreMetric> metrics, List<DiagnosticEvent> diagnostics)
    {
        Metrics = metrics;
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<CoreMetric> Metrics { get; }

    public IReadOnlyList<DiagnosticEvent> Diagnostics { get; }

    public static CoreReads Of(ReplayCase c, bool diagnostics)
    {
        ArgumentNullException.ThrowIfNull(c);
        var protocol = c.LedgerInfo.ProtocolVersion;
        var marked = new HashSet<uint>(c.ArchivedEntryIndices);
        var readOnlyCount = c.Resources.Footprint.ReadOnly.Length;
        uint readEntry = 0, ledgerReadByte = 0, readKeyByte = 0, readDataByte = 0, readCodeByte = 0, maxKey = 0, maxData = 0, maxCode = 0;
        var diag = new List<DiagnosticEvent>();

        CoreReads Done() => new(
        [
            new("read_entry", readEntry), new("ledger_read_byte", ledgerReadByte), new("read_key_byte", readKeyByte),
            new("read_data_byte", readDataByte), new("read_code_byte", readCodeByte), new("max_rw_key_byte", maxKey),
            new("max_rw_data_byte", maxData), new("max_rw_code_byte", maxCode),
        ], diag);

        void Error(SCErrorType type, SCErrorCode code, string message, params SCVal[] args)
        {
            if (!diagnostics)
                return;
            var msg = new SCVal.String(new XdrString(System.Text.Encoding.UTF8.GetBytes(message)));
            diag.Add(new DiagnosticEvent
            {
                InSuccessfulContractCall = false,
                Event = new ContractEvent
                {
                    Ext = ExtensionPoint.V0.Instance,
                    Type = ContractEventType.Diagnostic,
                    Body = new ContractEventBody.V0(new ContractEventV0
                    {
                        Topics = [new SCVal.Symbol(new XdrString("error"u8.ToArray())), new SCVal.Error(Host.Host.ErrorOf(Values.Val.FromError(type, (uint)code)))],
                        Data = args.Length == 0 ? msg : new SCVal.Vec([msg, .. args]),
                    }),
                },
            });
        }

        // meterDiskReadResource: false when the declared read bytes are exceeded.
        bool MeterRead(LedgerKey key, uint keySize, uint entrySize)
        {
            readEntry++;
            readKeyByte += keySize;
            maxKey = Math.Max(maxKey, keySize);
            ledgerReadByte += entrySize;
            if (key is LedgerKey.ContractCode)
            {
                readCodeByte += entrySize;
                maxCode = Math.Max(maxCode, entrySize);
            }
            else
            {
                readDataByte += entrySize;
                maxData = Math.Max(maxData, entrySize);
            }
            if (c.Resources.DiskReadBytes < ledgerReadByte)
            {
                Error(SCErrorType.Budget, SCErrorCode.ExceededLimit, "operation byte-read resources exceeds amount specified",
                    new SCVal.U64(ledgerReadByte), new SCVal.U64(c.Resources.DiskReadBytes));
                return false;
            }
            return true;
        }

        bool WithinLimits(LedgerKey key, uint size)
        {
            if (key is LedgerKey.ContractCode && c.Settings.ContractMaxSizeBytes < size)
            {
                Error(SCErrorType.Budget, SCErrorCode.ExceededLimit, "Wasm size exceeds network config maximum contract size", new SCVal.U64(size), new SCVal.U64(c.Settings.ContractMaxSizeBytes));
                return false;
            }
            if (key is LedgerKey.ContractData && c.Settings.ContractDataEntrySizeBytes < size)
            {
                Error(SCErrorType.Budget, SCErrorCode.ExceededLimit, "ContractData size exceeds network config maximum size", new SCVal.U64(size), new SCVal.U64(c.Settings.ContractDataEntrySizeBytes));
                return false;
            }
            return true;
        }

        void ArchivedError(LedgerKey key)
        {
            switch (key)
            {
                case LedgerKey.ContractCode code:
                    Error(SCErrorType.Value, SCErrorCode.InvalidInput, "trying to access an archived contract code entry", new SCVal.Bytes(code.Value.Hash.ToArray()));
                    break;
                case LedgerKey.ContractData data:
                    Error(SCErrorType.Value, SCErrorCode.InvalidInput, "trying to access an archived contract data entry", new SCVal.Address(data.Value.Contract), data.Value.Key);
                    break;
            }
        }

        for (var position = 0; position < c.Footprint.Length; position++)
        {
            var f = c.Footprint[position];
            var index = (uint)(f.ReadOnly ? position : position - readOnlyCount);
            var key = f.Key;
            var keySize = (uint)XdrCodec.Encode(key).Length;
            var soroban = LedgerKeys.IsSoroban(key);
            uint entrySize = 0;
            if (soroban)
            {
                if (f.State is FootprintEntryState.Archived or FootprintEntryState.Evicted)
                {
                    if (protocol < HostCallPlan.ParallelSorobanProtocol || f.ReadOnly || !marked.Contains(index))
                    {
                        ArchivedError(key);
                        return Done();
                    }
                    var size = (uint)XdrCodec.Encode(f.Entry!).Length;
                    if (!WithinLimits(key, size) || !MeterRead(key, keySize, size))
                        return Done();
                    continue;
                }
                if (f.State == FootprintEntryState.RestoredEarlierInLedger)
                    continue;
            }
            if ((!soroban || f.State == FootprintEntryState.Live) && f.State == FootprintEntryState.Live && f.Entry is { } entry)
                entrySize = (uint)XdrCodec.Encode(entry).Length;
            if (!WithinLimits(key, entrySize))
                return Done();
            if (!soroban || protocol < HostCallPlan.ParallelSorobanProtocol)
            {
                if (!MeterRead(key, keySize, entrySize))
                    return Done();
            }
            if (soroban)
                readEntry++;
        }
        return Done();
    }
}
