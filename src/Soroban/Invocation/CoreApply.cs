using System.Security.Cryptography;
using System.Text;
using Replay.Soroban.Values;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Invocation;

/// <summary>One footprint key as core sees it around the host call.</summary>
/// <param name="Key">The key.</param>
/// <param name="ReadOnly">Whether the footprint declares it read-only.</param>
/// <param name="PreEntry">The entry in the live ledger state before the operation (null when absent, expired temporary, or only in the hot archive).</param>
/// <param name="PreLiveUntil">Its TTL then (contract data and code).</param>
/// <param name="RestoredValue">Protocol 23+: the entry core restored for the host (from the hot archive or the live state), else null.</param>
/// <param name="RestoredFromHotArchive">Whether that restore came from the hot archive (an evicted entry).</param>
public sealed record CoreFootprintEntry(LedgerKey Key, bool ReadOnly, LedgerEntry? PreEntry, uint? PreLiveUntil, LedgerEntry? RestoredValue, bool RestoredFromHotArchive);

/// <summary>The network limits core checks the host's output against.</summary>
public sealed record CoreLimits(uint MaxContractSizeBytes, uint MaxContractDataEntrySizeBytes, uint TxMaxContractEventsSizeBytes, uint TxMemoryLimit);

/// <summary>What core knows about the operation besides the host's output.</summary>
public sealed record CoreContext
{
    public required int Protocol { get; init; }

    public required uint LedgerSeq { get; init; }

    public required SorobanResources Resources { get; init; }

    /// <summary>Read-only then read-write footprint keys, in footprint order.</summary>
    public required IReadOnlyList<CoreFootprintEntry> Footprint { get; init; }

    public required CoreLimits Limits { get; init; }

    /// <summary>The minimum persistent TTL (a restored entry lives until ledger + this − 1).</summary>
    public required uint MinPersistentTtl { get; init; }

    /// <summary>Whether core records diagnostic events (and its core_metrics).</summary>
    public bool Diagnostics { get; init; } = true;

    /// <summary>Diagnostic events core recorded before calling the host (its footprint checks).</summary>
    public IReadOnlyList<DiagnosticEvent> PreHostDiagnostics { get; init; } = [];

    /// <summary>core_metrics read figures from its footprint checks (addReads), in core's order of names.</summary>
    public required IReadOnlyList<CoreMetric> ReadMetrics { get; init; }

    /// <summary>
    /// The refundable fee the transaction may still spend on rent and events, and how core prices
    /// them; null when not known (the refundable-fee check is then not made and <see cref="Outcome.RentFee"/> stays null).
    /// </summary>
    public RefundableFeeCheck? RefundableFee { get; init; }
}

/// <summary>How core checks the refundable fee after the host (RefundableFeeTracker::consumeRefundableSorobanResources).</summary>
/// <param name="MaximumRefundableFee">resourceFee minus the non-refundable fee.</param>
/// <param name="RentFee">Computes the rent fee of the host's ledger changes.</param>
/// <param name="EventsFee">The refundable (events) fee of a total contract-events size.</param>
public sealed record RefundableFeeCheck(long MaximumRefundableFee, Func<IReadOnlyList<HostLedgerChange>, long> RentFee, Func<uint, long> EventsFee);

/// <summary>
/// How stellar-core turns the host's output into the operation's result (fact: stellar-core
/// InvokeHostFunctionOpFrame.cpp at the corpus generator's commit): the failure codes after a
/// failed host call, the storage changes with their size and write-byte checks, the events size
/// checks, the refundable fee, the success preimage hash, its error and metrics diagnostic events,
/// and the meta form of the changes (restores reclassified as in TransactionMeta.cpp).
/// </summary>
public static class CoreApply
{
    public static Outcome ToOutcome(CoreContext ctx, HostInvocationResult host, OutcomeEngine engine)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(engine);
        var diag = new List<DiagnosticEvent>(ctx.PreHostDiagnostics);
        diag.AddRange(host.DiagnosticEvents);
        var writeMetrics = new WriteMetrics();
        var emitEvent = 0u;
        var emitEventByte = 0u;
        var maxEmitEventByte = 0u;
        var consumed = new ResourceUse(host.CpuInsns, host.MemBytes, host.Fuel);
        // Instantiation: the budget charged instantiating contracts, and the fuel an engine
        // compiling lazily charged for compiling functions before their first instruction.
        var instantiation = new ResourceUse(host.InstantiationCpu, host.InstantiationMem, host.CompilationFuel);

        Outcome Fail(InvokeHostFunctionResultCode code, OutcomeError? error) => new()
        {
            Engine = engine,
            Status = OutcomeStatus.Failed,
            ResultCode = code,
            HostCalled = true,
            Error = error,
            DiagnosticEvents = ctx.Diagnostics ? diag : [],
            CoreMetrics = Metrics(ctx, host, writeMetrics, emitEvent, emitEventByte, maxEmitEventByte, success: false),
            Consumed = consumed,
            Instantiation = instantiation,
        };

        if (host.Error is { } he)
        {
            var error = new OutcomeError(Host.Host.ErrorOf(he.ToVal()), he.WasmTrap, he.Message);
            if (ctx.Resources.Instructions < host.CpuInsns)
            {
                Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "operation instructions exceeds amount specified", U64(host.CpuInsns), U64(ctx.Resources.Instructions));
                return Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded, error);
            }
            if (ctx.Limits.TxMemoryLimit < host.MemBytes)
            {
                Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "operation memory usage exceeds network config limit", U64(host.MemBytes), U64(ctx.Limits.TxMemoryLimit));
                return Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded, error);
            }
            return Fail(InvokeHostFunctionResultCode.Trapped, error);
        }

        // recordStorageChanges: every modified entry checked (size), write bytes metered, upserted.
        var modified = ModifiedEntries(host.LedgerChanges);
        var upserted = new Dictionary<LedgerKey, LedgerEntry>(XdrValueComparer<LedgerKey>.Instance);
        foreach (var (entry, encodedSize) in modified)
        {
            var key = LedgerKeys.KeyOf(entry);
            if (!WithinEntryLimits(diag, ctx, key, encodedSize))
                return Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded, null);
            if (key is not LedgerKey.Ttl)
            {
                writeMetrics.Note(key is LedgerKey.ContractCode, (uint)XdrCodec.Encode(key).Length, encodedSize);
                if (ctx.Resources.WriteBytes < writeMetrics.LedgerWriteByte)
                {
                    Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "operation byte-write resources exceeds amount specified",
                        U64(writeMetrics.LedgerWriteByte), U64(ctx.Resources.WriteBytes));
                    return Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded, null);
                }
            }
            upserted[key] = entry;
        }

        // collectEvents: events size, then with the return value.
        var events = new List<ContractEvent>(host.ContractEvents.Count);
        foreach (var (e, encoded) in host.ContractEvents)
        {
            emitEvent++;
            var size = (uint)encoded.Length;
            emitEventByte += size;
            maxEmitEventByte = Math.Max(maxEmitEventByte, size);
            if (ctx.Limits.TxMaxContractEventsSizeBytes < emitEventByte)
            {
                Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "total events size exceeds network config maximum",
                    U64(emitEventByte), U64(ctx.Limits.TxMaxContractEventsSizeBytes));
                return Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded, null);
            }
            events.Add(e);
        }
        emitEventByte += (uint)host.EncodedReturnValue!.Length;
        if (ctx.Limits.TxMaxContractEventsSizeBytes < emitEventByte)
        {
            Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "return value pushes events size above network config maximum",
                U64(emitEventByte), U64(ctx.Limits.TxMaxContractEventsSizeBytes));
            return Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded, null);
        }

        // consumeRefundableResources.
        long? rentFee = null;
        if (ctx.RefundableFee is { } fee)
        {
            var rent = fee.RentFee(host.LedgerChanges);
            rentFee = rent;
            if (fee.MaximumRefundableFee < rent)
            {
                Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "refundable resource fee was not sufficient to cover the ledger storage rent: {} > {}",
                    U64((ulong)rent), U64((ulong)fee.MaximumRefundableFee));
                return Fail(InvokeHostFunctionResultCode.InsufficientRefundableFee, null) with { RentFee = rent };
            }
            var eventsFee = fee.EventsFee(emitEventByte);
            if (fee.MaximumRefundableFee < rent + eventsFee)
            {
                Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "refundable resource fee was not sufficient to cover the events fee after paying for ledger storage rent: {} > {}",
                    U64((ulong)eventsFee), U64((ulong)(fee.MaximumRefundableFee - rent)));
                return Fail(InvokeHostFunctionResultCode.InsufficientRefundableFee, null) with { RentFee = rent };
            }
        }

        var preimage = new InvokeHostFunctionSuccessPreImage { ReturnValue = host.ReturnValue!, Events = [.. events] };
        var successHash = Hash.FromBytes(SHA256.HashData(XdrCodec.Encode(preimage)));
        return new Outcome
        {
            Engine = engine,
            Status = OutcomeStatus.Success,
            ResultCode = InvokeHostFunctionResultCode.Success,
            HostCalled = true,
            ReturnValue = host.ReturnValue,
            SuccessHash = successHash,
            LedgerChanges = MetaChanges(ctx, upserted),
            ContractEvents = events,
            DiagnosticEvents = ctx.Diagnostics ? diag : [],
            CoreMetrics = Metrics(ctx, host, writeMetrics, emitEvent, emitEventByte, maxEmitEventByte, success: true),
            Consumed = consumed,
            Instantiation = instantiation,
            RentFee = rentFee,
        };
    }

    /// <summary>
    /// The rust bridge's <c>extract_ledger_effects</c>: each read-write entry's new value, and a TTL
    /// entry (last modified 0) for each TTL that grew; with each encoding's size.
    /// </summary>
    public static List<(LedgerEntry Entry, uint EncodedSize)> ModifiedEntries(IReadOnlyList<HostLedgerChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var result = new List<(LedgerEntry, uint)>();
        foreach (var c in changes)
        {
            if (!c.ReadOnly && c.NewValue is { } value)
                result.Add((value, (uint)c.EncodedNewValue!.Length));
            if (c.Ttl is { } ttl && ttl.NewLiveUntil > ttl.OldLiveUntil)
            {
                var entry = new LedgerEntry
                {
                    LastModifiedLedgerSeq = 0,
                    Data = new LedgerEntryData.Ttl(new TTLEntry { KeyHash = ttl.KeyHash, LiveUntilLedgerSeq = ttl.NewLiveUntil }),
                    Ext = LedgerEntryExt.V0.Instance,
                };
                result.Add((entry, (uint)XdrCodec.Encode(entry).Length));
            }
        }
        return result;
    }

    private static bool WithinEntryLimits(List<DiagnosticEvent> diag, CoreContext ctx, LedgerKey key, uint size)
    {
        if (key is LedgerKey.ContractCode && ctx.Limits.MaxContractSizeBytes < size)
        {
            Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "Wasm size exceeds network config maximum contract size",
                U64(size), U64(ctx.Limits.MaxContractSizeBytes));
            return false;
        }
        if (key is LedgerKey.ContractData && ctx.Limits.MaxContractDataEntrySizeBytes < size)
        {
            Push(diag, ctx, SCErrorType.Budget, SCErrorCode.ExceededLimit, "ContractData size exceeds network config maximum size",
                U64(size), U64(ctx.Limits.MaxContractDataEntrySizeBytes));
            return false;
        }
        return true;
    }

    /// <summary>
    /// The operation's changes in core's meta form without the STATE pre-images (those are the
    /// case's inputs): net per key over the restore core did before the host and the host's writes
    /// and deletions (CREATED, UPDATED even when the value is unchanged, REMOVED with its TTL), then
    /// restores reclassified as core's processOpLedgerEntryChanges does from protocol 23.
    /// </summary>
    private static List<LedgerEntryChange> MetaChanges(CoreContext ctx, Dictionary<LedgerKey, LedgerEntry> upserted)
    {
        var seq = ctx.LedgerSeq;
        var restoredLiveUntil = seq + ctx.MinPersistentTtl - 1;
        // The state after core's restore, before the host: key -> (entry, from hot archive?).
        var hotRestores = new Dictionary<LedgerKey, LedgerEntry>(XdrValueComparer<LedgerKey>.Instance);
        var liveRestores = new Dictionary<LedgerKey, LedgerEntry>(XdrValueComparer<LedgerKey>.Instance);
        var pre = new Dictionary<LedgerKey, LedgerEntry>(XdrValueComparer<LedgerKey>.Instance);
        foreach (var f in ctx.Footprint)
        {
            if (f.PreEntry is { } e)
            {
                pre[f.Key] = e;
                if (f.PreLiveUntil is { } lu && f.Key is LedgerKey.ContractData or LedgerKey.ContractCode)
                    pre[LedgerKeys.TtlKeyOf(f.Key)] = TtlEntry(f.Key, lu, e.LastModifiedLedgerSeq);
            }
            if (f.RestoredValue is { } restored)
            {
                var ttl = TtlEntry(f.Key, restoredLiveUntil, seq);
                var target = f.RestoredFromHotArchive ? hotRestores : liveRestores;
                target[f.Key] = restored;
                target[LedgerKeys.TtlKeyOf(f.Key)] = ttl;
            }
        }
        var result = new List<LedgerEntryChange>();

        void Upsert(LedgerKey key, LedgerEntry value)
        {
            var post = WithLastModified(value, seq);
            var existedBefore = pre.ContainsKey(key) && !hotRestores.ContainsKey(key);
            if (hotRestores.TryGetValue(key, out var hot))
            {
                if (XdrValueComparer<LedgerEntryData>.Instance.Equals(post.Data, hot.Data))
                {
                    result.Add(new LedgerEntryChange.Restored(post));
                }
                else
                {
                    result.Add(new LedgerEntryChange.Restored(WithLastModified(hot, seq)));
                    result.Add(new LedgerEntryChange.Updated(post));
                }
                return;
            }
            if (liveRestores.TryGetValue(key, out var live) && ctx.Protocol >= 23)
            {
                if (XdrValueComparer<LedgerEntryData>.Instance.Equals(post.Data, live.Data))
                {
                    result.Add(new LedgerEntryChange.Restored(post));
                }
                else
                {
                    result.Add(new LedgerEntryChange.Restored(WithLastModified(pre[key], seq)));
                    result.Add(new LedgerEntryChange.Updated(post));
                }
                return;
            }
            result.Add(existedBefore ? new LedgerEntryChange.Updated(post) : new LedgerEntryChange.Created(post));
        }

        foreach (var (key, value) in upserted)
            Upsert(key, value);
        // eraseLedgerEntryIfExists: read-write keys the host did not return are deleted, with their TTL.
        foreach (var f in ctx.Footprint)
        {
            if (f.ReadOnly || upserted.ContainsKey(f.Key))
                continue;
            var existed = pre.ContainsKey(f.Key) || hotRestores.ContainsKey(f.Key) || liveRestores.ContainsKey(f.Key);
            if (!existed)
                continue;
            foreach (var k in new[] { f.Key, LedgerKeys.TtlKeyOf(f.Key) })
            {
                if (liveRestores.ContainsKey(k) && ctx.Protocol >= 23)
                    result.Add(new LedgerEntryChange.Restored(WithLastModified(pre[k], seq)));
                if (!hotRestores.ContainsKey(k))
                    result.Add(new LedgerEntryChange.Removed(k));
            }
        }
        return result;
    }

    private static LedgerEntry TtlEntry(LedgerKey key, uint liveUntil, uint lastModified) => new()
    {
        LastModifiedLedgerSeq = lastModified,
        Data = new LedgerEntryData.Ttl(new TTLEntry { KeyHash = LedgerKeys.TtlKeyHashOf(key), LiveUntilLedgerSeq = liveUntil }),
        Ext = LedgerEntryExt.V0.Instance,
    };

    private static LedgerEntry WithLastModified(LedgerEntry e, uint seq) => new() { LastModifiedLedgerSeq = seq, Data = e.Data, Ext = e.Ext };

    private static SCVal U64(ulong v) => new SCVal.U64(v);

    /// <summary>DiagnosticEventManager::pushError: (error, (type, code)) with the message, or the message and arguments.</summary>
    private static void Push(List<DiagnosticEvent> diag, CoreContext ctx, SCErrorType type, SCErrorCode code, string message, params SCVal[] args)
    {
        if (!ctx.Diagnostics)
            return;
        var msg = new SCVal.String(new XdrString(Encoding.UTF8.GetBytes(message)));
        diag.Add(new DiagnosticEvent
        {
            InSuccessfulContractCall = false,
            Event = new ContractEvent
            {
                Ext = ExtensionPoint.V0.Instance,
                ContractID = null,
                Type = ContractEventType.Diagnostic,
                Body = new ContractEventBody.V0(new ContractEventV0
                {
                    Topics = [new SCVal.Symbol(new XdrString("error"u8.ToArray())), new SCVal.Error(Host.Host.ErrorOf(Val.FromError(type, (uint)code)))],
                    Data = args.Length == 0 ? msg : new SCVal.Vec([msg, .. args]),
                }),
            },
        });
    }

    private sealed class WriteMetrics
    {
        public uint WriteEntry;
        public uint LedgerWriteByte;
        public uint WriteDataByte;
        public uint WriteCodeByte;
        public uint MaxKeyByte;
        public uint MaxDataByte;
        public uint MaxCodeByte;

        /// <summary>HostFunctionMetrics::noteWriteEntry (write_key_byte is never incremented by core).</summary>
        public void Note(bool isCode, uint keySize, uint entrySize)
        {
            WriteEntry++;
            MaxKeyByte = Math.Max(MaxKeyByte, keySize);
            LedgerWriteByte += entrySize;
            if (isCode)
            {
                WriteCodeByte += entrySize;
                MaxCodeByte = Math.Max(MaxCodeByte, entrySize);
            }
            else
            {
                WriteDataByte += entrySize;
                MaxDataByte = Math.Max(MaxDataByte, entrySize);
            }
        }
    }

    /// <summary>core_metrics in core's order, without invoke_time_nsecs; the read figures come from core's footprint checks.</summary>
    public static List<CoreMetric> MetricsWithoutHost(IReadOnlyList<CoreMetric> readMetrics) =>
        Metrics(new CoreContext
        {
            Protocol = 0,
            LedgerSeq = 0,
            Resources = new SorobanResources { Footprint = new LedgerFootprint { ReadOnly = [], ReadWrite = [] } },
            Footprint = [],
            Limits = new CoreLimits(0, 0, 0, 0),
            MinPersistentTtl = 0,
            ReadMetrics = readMetrics,
        }, new HostInvocationResult(), new WriteMetrics(), 0, 0, 0, success: false);

    private static List<CoreMetric> Metrics(CoreContext ctx, HostInvocationResult host, WriteMetrics w, uint emitEvent, uint emitEventByte, uint maxEmitEventByte, bool success)
    {
        _ = success;
        ulong Read(string name) => ctx.ReadMetrics.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal)).Value;
        return
        [
            new("read_entry", Read("read_entry")),
            new("write_entry", w.WriteEntry),
            new("ledger_read_byte", Read("ledger_read_byte")),
            new("ledger_write_byte", w.LedgerWriteByte),
            new("read_key_byte", Read("read_key_byte")),
            new("write_key_byte", 0), // core never adds to it
            new("read_data_byte", Read("read_data_byte")),
            new("write_data_byte", w.WriteDataByte),
            new("read_code_byte", Read("read_code_byte")),
            new("write_code_byte", w.WriteCodeByte),
            new("emit_event", emitEvent),
            new("emit_event_byte", emitEventByte),
            new("cpu_insn", host.CpuInsns),
            new("mem_byte", host.MemBytes),
            new("max_rw_key_byte", Math.Max(Read("max_rw_key_byte"), w.MaxKeyByte)),
            new("max_rw_data_byte", Math.Max(Read("max_rw_data_byte"), w.MaxDataByte)),
            new("max_rw_code_byte", Math.Max(Read("max_rw_code_byte"), w.MaxCodeByte)),
            new("max_emit_event_byte", maxEmitEventByte),
        ];
    }
}
