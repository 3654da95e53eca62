using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Replay.Engines;
using Replay.History.Cases;
using Replay.History.State;
using Replay.Soroban.Invocation;
using Replay.Soroban.Profile;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Sample;

/// <summary>One transaction the workload submits: a single InvokeHostFunction operation from a sample account.</summary>
/// <param name="Account">Index of the source account (at most one transaction per account per ledger).</param>
/// <param name="Step">What the transaction exercises (for the summary).</param>
/// <param name="Auth">The operation's authorization entries (signed already: a signature covers the invocation tree, not the transaction).</param>
/// <param name="DiskReadBytes">The declared disk reads: classic entries in the footprint (accounts whose signatures are checked).</param>
/// <param name="Succeeded">What the workload learns when the transaction succeeds (nonces consumed, allowances granted).</param>
/// <param name="BudgetBetweenEngines">
/// The declared instructions are replaced by the midpoint of what the stack engine (the network)
/// and the lazy register engine consume for the call, simulated on the ledger's state before its
/// transactions: the two engines land on either side of the limit, the outcome a cost difference
/// of CAP-0060 changes for a transaction declared with a tight budget (a budget flip).
/// </param>
internal sealed record TxSpec(int Account, string Step, HostFunction Function, IReadOnlyList<LedgerKey> ReadOnly, IReadOnlyList<LedgerKey> ReadWrite,
    uint Instructions = 50_000_000, uint WriteBytes = 20_000, IReadOnlyList<SorobanAuthorizationEntry>? Auth = null, uint DiskReadBytes = 0,
    Action? Succeeded = null, bool BudgetBetweenEngines = false);

/// <summary>What one applied transaction gave (for the workload's own bookkeeping and the summary).</summary>
internal sealed record AppliedTx(TxSpec Spec, Outcome Outcome);

/// <summary>
/// "The network": closes ledgers the way stellar-core does for protocol 23, running every
/// InvokeHostFunction operation through our host on the stack engine (<see cref="Invoker.Run"/>,
/// the same path a replay takes), and writes what core writes: LedgerCloseMeta v2 with
/// TransactionMeta v4, a generalized transaction set (an empty classic phase and a parallel
/// Soroban phase of one stage and one cluster, transactions in hash order), fee processing,
/// sequence-number bumps, post-apply refunds, results with the success hash, and a header chain.
/// </summary>
internal sealed class SampleChain
{
    /// <summary>The refundable part of every transaction's declared resource fee (rent and events), refunded when unused.</summary>
    public const long RefundableAllowance = 2_000_000;

    private readonly SampleState _state;
    private readonly SampleKey[] _accounts;
    private readonly Hash _networkId = SampleNetwork.Network.Id;
    private readonly IEngine _engine;
    private readonly ConcurrentDictionary<Hash, ICompiledModule> _compiled = new();
    private readonly RunOptions _options;
    private HostInvocationResult? _lastHost;
    private ulong[] _window = [.. SampleNetwork.StateSizeWindow];

    public SampleChain(SampleState state, SampleKey[] accounts, LedgerHeader genesis)
    {
        _state = state;
        _accounts = accounts;
        Previous = genesis;
        PreviousHash = HashOf(genesis);
        var variant = EngineCatalog.Variants.First(v => v.Engine == EngineCatalog.Stack);
        _engine = variant.Create(SorobanProfile.Config(variant.Engine.Generation, variant.Mode));
        _options = new RunOptions
        {
            Diagnostics = true,
            Compile = (engine, wasm) => _compiled.GetOrAdd(Hash.FromBytes(SHA256.HashData(wasm.Span)), _ => engine.Compile(wasm)),
            Inspect = r => _lastHost = r,
        };
    }

    public LedgerHeader Previous { get; private set; }

    public Hash PreviousHash { get; private set; }

    public static Hash HashOf(LedgerHeader header) => Hash.FromBytes(SHA256.HashData(XdrCodec.Encode(header)));

    public static LedgerEntry AccountEntry(SampleKey key, uint ledger) => new()
    {
        LastModifiedLedgerSeq = ledger,
        Data = new LedgerEntryData.Account(new AccountEntry
        {
            AccountID = key.PublicKey,
            Balance = SampleNetwork.AccountBalance,
            SeqNum = (long)ledger << 32,
            NumSubEntries = 0,
            InflationDest = null,
            Flags = 0,
            HomeDomain = new XdrString([]),
            Thresholds = Thresholds.FromBytes([1, 0, 0, 0]),
            Signers = [],
            Ext = AccountEntryExt.V0.Instance,
        }),
        Ext = LedgerEntryExt.V0.Instance,
    };

    /// <summary>
    /// Ledger 2: the upgrade to protocol 23, whose changes create the network's genesis entries
    /// (config settings, as core's upgrade writes them, then the sample's accounts and contracts).
    /// </summary>
    public LedgerCloseMeta Genesis(IReadOnlyList<LedgerEntry> created)
    {
        var seq = Previous.LedgerSeq + 1;
        var upgrade = new LedgerUpgrade.Version(SampleNetwork.Protocol);
        var changes = new List<LedgerEntryChange>();
        foreach (var entry in created)
        {
            _state.Set(entry);
            changes.Add(new LedgerEntryChange.Created(entry));
        }
        var txSet = TxSet([]);
        var header = NextHeader(seq, SampleNetwork.Protocol, txSet, [], [XdrCodec.Encode<LedgerUpgrade>(upgrade)], 0);
        return Meta(header, txSet, [], [new UpgradeEntryMeta { Upgrade = upgrade, Changes = [.. changes] }]);
    }

    /// <summary>Closes the next ledger with these transactions (each from a different account).</summary>
    public (LedgerCloseMeta Meta, List<AppliedTx> Applied) Close(IReadOnlyList<TxSpec> specs)
    {
        var seq = Previous.LedgerSeq + 1;
        var closeTime = SampleNetwork.CloseTimeOf(seq);
        if (specs.Select(s => s.Account).Distinct().Count() != specs.Count)
            throw new InvalidOperationException($"ledger {seq}: an account submits two transactions");

        specs = [.. specs.Select(s => s.BudgetBetweenEngines ? WithInstructionsBetweenEngines(s, seq, closeTime) : s)];

        // Envelopes, in the cluster's order (by hash), which is also the apply order.
        var built = specs.Select(s => Envelope(s, seq)).OrderBy(b => b.Hash.ToArray(), ByteOrder.Instance).ToList();
        var txSet = TxSet([.. built.Select(b => b.Envelope)]);
        var txSetHash = Hash.FromBytes(SHA256.HashData(XdrCodec.Encode(txSet)));

        // Fee processing: the full fee (inclusion fee at the base fee, plus the declared resource fee).
        var feeChanges = new List<LedgerEntryChange[]>();
        long feePool = 0;
        foreach (var b in built)
        {
            var fee = b.Data.ResourceFee + SampleNetwork.BaseFee;
            feePool += fee;
            feeChanges.Add(UpdateAccount(b.Spec.Account, seq, a => a.Balance -= fee, null));
        }
        // The parallel phase's changes before: every transaction's sequence number bump.
        var before = built.Select(b => UpdateAccount(b.Spec.Account, seq, a => a.SeqNum = b.SeqNum, (seq, closeTime))).ToList();

        var deferred = new Dictionary<StateKey, uint>();
        var applied = new List<AppliedTx>();
        var metas = new List<TransactionMeta>();
        var results = new List<TransactionResultPair>();
        var refunds = new List<long>();
        for (var i = 0; i < built.Count; i++)
        {
            var b = built[i];
            var rwTtl = b.Spec.ReadWrite.Where(LedgerKeys.IsSoroban).Select(k => StateKey.Of(LedgerKeys.TtlKeyOf(k))).ToHashSet();
            foreach (var key in rwTtl)
            {
                if (deferred.Remove(key, out var bump) && _state.Get(key) is { } ttl)
                    _state.Set(WithLiveUntil(ttl, bump, seq));
            }
            var c = Case(b, i, seq, closeTime, txSetHash);
            _lastHost = null;
            var outcome = Invoker.Run(c, _engine, _options);
            if (outcome.Status == OutcomeStatus.NotImplemented)
                throw new InvalidOperationException($"ledger {seq}, step {b.Spec.Step}: {outcome.NotImplemented}");
            applied.Add(new AppliedTx(b.Spec, outcome));

            long rent = 0, eventsFee = 0;
            var opChanges = new List<LedgerEntryChange>();
            if (outcome.Status == OutcomeStatus.Success)
            {
                var host = _lastHost ?? throw new InvalidOperationException("the host's result was not seen");
                rent = Fees.RentFee(Fees.RentChanges(host.LedgerChanges), RentConfig(), seq, (int)SampleNetwork.Protocol);
                var eventsSize = outcome.ContractEvents.Sum(e => XdrCodec.Encode(e).Length) + (host.EncodedReturnValue?.Length ?? 0);
                eventsFee = Fees.EventsFee((uint)eventsSize, SampleNetwork.Events.FeeContractEvents1KB);
                var roTtl = b.Spec.ReadOnly.Where(LedgerKeys.IsSoroban).Select(k => StateKey.Of(LedgerKeys.TtlKeyOf(k))).ToHashSet();
                foreach (var change in outcome.LedgerChanges)
                    Apply(change, roTtl, deferred, opChanges);
            }
            var consumed = rent + eventsFee;
            var refundable = b.Data.ResourceFee - b.NonRefundable;
            refunds.Add(refundable - consumed);
            var fee = b.Data.ResourceFee + SampleNetwork.BaseFee;
            var code = outcome.ResultCode ?? throw new InvalidOperationException("an outcome without a result code");
            var opResult = new OperationResult.OpInner(new OperationResultTr.InvokeHostFunction(HostFunctionResult(code, outcome.SuccessHash)));
            results.Add(new TransactionResultPair
            {
                TransactionHash = b.Hash,
                Result = new TransactionResult
                {
                    FeeCharged = fee - (refundable - consumed),
                    Result = code == InvokeHostFunctionResultCode.Success
                        ? new TransactionResultResult.TxSuccess([opResult])
                        : new TransactionResultResult.TxFailed([opResult]),
                    Ext = TransactionResultExt.V0.Instance,
                },
            });
            metas.Add(new TransactionMeta.V4(new TransactionMetaV4
            {
                Ext = ExtensionPoint.V0.Instance,
                TxChangesBefore = before[i],
                Operations = code == InvokeHostFunctionResultCode.Success
                    ? [new OperationMetaV2 { Ext = ExtensionPoint.V0.Instance, Changes = [.. opChanges], Events = [.. outcome.ContractEvents] }]
                    : [],
                TxChangesAfter = [],
                SorobanMeta = new SorobanTransactionMetaV2
                {
                    Ext = new SorobanTransactionMetaExt.V1(new SorobanTransactionMetaExtV1
                    {
                        Ext = ExtensionPoint.V0.Instance,
                        TotalNonRefundableResourceFeeCharged = b.NonRefundable,
                        TotalRefundableResourceFeeCharged = consumed,
                        RentFeeCharged = rent,
                    }),
                    ReturnValue = outcome.ReturnValue,
                },
                Events = [],
                DiagnosticEvents = [.. outcome.DiagnosticEvents, .. outcome.CoreMetrics.Select(MetricEvent)],
            }));
        }
        // The cluster's end: read-only TTL bumps not yet written land now.
        foreach (var (key, bump) in deferred)
        {
            if (_state.Get(key) is { Data: LedgerEntryData.Ttl t } ttl && t.Value.LiveUntilLedgerSeq < bump)
                _state.Set(WithLiveUntil(ttl, bump, seq));
        }
        // Post-apply fee processing: refunds of the unused refundable fee.
        var post = new List<LedgerEntryChange[]>();
        for (var i = 0; i < built.Count; i++)
        {
            var refund = refunds[i];
            post.Add(refund == 0 ? [] : UpdateAccount(built[i].Spec.Account, seq, a => a.Balance += refund, null));
            feePool -= refund;
        }

        var processing = built.Select((b, i) => new TransactionResultMetaV1
        {
            Ext = ExtensionPoint.V0.Instance,
            Result = results[i],
            FeeProcessing = feeChanges[i],
            TxApplyProcessing = metas[i],
            PostTxApplyFeeProcessing = post[i],
        }).ToArray();
        SampleWindow(seq);
        var header = NextHeader(seq, Previous.LedgerVersion, txSet, results, [], feePool);
        return (Meta(header, txSet, processing, []), applied);
    }

    private void Apply(LedgerEntryChange change, HashSet<StateKey> readOnlyTtl, Dictionary<StateKey, uint> deferred, List<LedgerEntryChange> meta)
    {
        switch (change)
        {
            case LedgerEntryChange.Created created:
                meta.Add(change);
                _state.Set(created.Value);
                break;
            case LedgerEntryChange.Updated updated:
            {
                var key = StateKey.Of(updated.Value);
                var pre = _state.Get(key) ?? throw new InvalidOperationException($"an update of an entry the state does not hold: {key}");
                meta.Add(new LedgerEntryChange.State(pre));
                meta.Add(change);
                if (updated.Value.Data is LedgerEntryData.Ttl ttl && readOnlyTtl.Contains(key))
                    deferred[key] = Math.Max(deferred.GetValueOrDefault(key), ttl.Value.LiveUntilLedgerSeq);
                else
                    _state.Set(updated.Value);
                break;
            }
            case LedgerEntryChange.Removed removed:
            {
                var pre = _state.Get(removed.Value) ?? throw new InvalidOperationException("a removal of an entry the state does not hold");
                meta.Add(new LedgerEntryChange.State(pre));
                meta.Add(change);
                _state.Remove(removed.Value);
                break;
            }
            default:
                throw new InvalidOperationException($"the sample does not expect a {change.GetType().Name} change");
        }
    }

    /// <summary>
    /// At the close of every sample-period ledger core shifts the live Soroban state size into its
    /// window (the setting is rewritten without appearing in the meta).
    /// </summary>
    private void SampleWindow(uint seq)
    {
        if (seq % SampleNetwork.StateArchival.LiveSorobanStateSizeWindowSamplePeriod != 0)
            return;
        _window = [.. _window.Skip(1), _state.SorobanStateSize()];
        _state.Set(new LedgerEntry
        {
            LastModifiedLedgerSeq = seq,
            Data = new LedgerEntryData.ConfigSetting(new ConfigSettingEntry.LiveSorobanStateSizeWindow([.. _window])),
            Ext = LedgerEntryExt.V0.Instance,
        });
    }

    private static LedgerEntry WithLiveUntil(LedgerEntry ttlEntry, uint liveUntil, uint lastModified) => new()
    {
        LastModifiedLedgerSeq = lastModified,
        Data = new LedgerEntryData.Ttl(new TTLEntry { KeyHash = ((LedgerEntryData.Ttl)ttlEntry.Data).Value.KeyHash, LiveUntilLedgerSeq = liveUntil }),
        Ext = ttlEntry.Ext,
    };

    private RentFeeConfig RentConfig()
    {
        var cost = SampleNetwork.LedgerCost;
        var rentPer1Kb = Fees.RentFeePer1Kb(Fees.AverageStateSize(_window), new RentWriteFeeSettings(
            cost.SorobanStateTargetSizeBytes, cost.RentFee1KBSorobanStateSizeLow, cost.RentFee1KBSorobanStateSizeHigh, cost.SorobanStateRentFeeGrowthFactor));
        return new RentFeeConfig(SampleNetwork.LedgerCostExt.FeeWrite1KB, rentPer1Kb, cost.FeeWriteLedgerEntry,
            SampleNetwork.StateArchival.PersistentRentRateDenominator, SampleNetwork.StateArchival.TempRentRateDenominator);
    }

    private static InvokeHostFunctionResult HostFunctionResult(InvokeHostFunctionResultCode code, Hash? success) => code switch
    {
        InvokeHostFunctionResultCode.Success => new InvokeHostFunctionResult.Success(success ?? throw new InvalidOperationException("a success without its hash")),
        InvokeHostFunctionResultCode.Malformed => InvokeHostFunctionResult.Malformed.Instance,
        InvokeHostFunctionResultCode.Trapped => InvokeHostFunctionResult.Trapped.Instance,
        InvokeHostFunctionResultCode.ResourceLimitExceeded => InvokeHostFunctionResult.ResourceLimitExceeded.Instance,
        InvokeHostFunctionResultCode.EntryArchived => InvokeHostFunctionResult.EntryArchived.Instance,
        InvokeHostFunctionResultCode.InsufficientRefundableFee => InvokeHostFunctionResult.InsufficientRefundableFee.Instance,
        _ => throw new InvalidOperationException($"unexpected result code {code}"),
    };

    /// <summary>A core_metrics diagnostic event as core appends them (topics "core_metrics" and the name, data a u64).</summary>
    private static DiagnosticEvent MetricEvent(CoreMetric metric) => new()
    {
        InSuccessfulContractCall = false,
        Event = new ContractEvent
        {
            Ext = ExtensionPoint.V0.Instance,
            ContractID = null,
            Type = ContractEventType.Diagnostic,
            Body = new ContractEventBody.V0(new ContractEventV0
            {
                Topics = [Symbol("core_metrics"), Symbol(metric.Name)],
                Data = new SCVal.U64(metric.Value),
            }),
        },
    };

    /// <summary>
    /// <see cref="TxSpec.BudgetBetweenEngines"/>: the call run on the stack engine and on the lazy
    /// register engine with the declared instructions (which both must succeed within), and the
    /// instructions set to the midpoint of their CPU. Throws when the engines cost the same.
    /// </summary>
    private TxSpec WithInstructionsBetweenEngines(TxSpec spec, uint seq, ulong closeTime)
    {
        var c = Case(Envelope(spec, seq), 0, seq, closeTime, Hash.FromBytes(new byte[32]));
        var register = EngineCatalog.Register.Create(SorobanProfile.Config(EngineCatalog.Register.Generation, CompilationMode.Lazy));
        var costs = new[] { _engine, register }.Select(engine =>
        {
            var o = Invoker.Run(c, engine, new RunOptions { Diagnostics = true });
            return o.Status == OutcomeStatus.Success
                ? o.Consumed.Cpu
                : throw new InvalidOperationException($"ledger {seq}, step {spec.Step}: the call fails on {engine.Identity.Name} within {spec.Instructions} instructions");
        }).ToArray();
        if (costs[0] == costs[1])
            throw new InvalidOperationException($"ledger {seq}, step {spec.Step}: both engines consume {costs[0]} CPU; no limit lies between them");
        return spec with { Instructions = (uint)((costs[0] + costs[1]) / 2), BudgetBetweenEngines = false };
    }

    public static SCVal Symbol(string name) => new SCVal.Symbol(new XdrString(System.Text.Encoding.UTF8.GetBytes(name)));

    private sealed record Built(TxSpec Spec, TransactionEnvelope Envelope, Hash Hash, SorobanTransactionData Data, long NonRefundable, long SeqNum);

    private Built Envelope(TxSpec spec, uint seq)
    {
        var key = _accounts[spec.Account];
        var account = (LedgerEntryData.Account)(_state.Get(AccountKey(spec.Account))?.Data ?? throw new InvalidOperationException($"no account {spec.Account}"));
        var seqNum = account.Value.SeqNum + 1;
        var resources = new SorobanResources
        {
            Footprint = new LedgerFootprint { ReadOnly = [.. spec.ReadOnly], ReadWrite = [.. spec.ReadWrite] },
            Instructions = spec.Instructions,
            DiskReadBytes = spec.DiskReadBytes,
            WriteBytes = spec.WriteBytes,
        };
        TransactionEnvelope Make(long resourceFee, DecoratedSignature signature)
        {
            var tx = new Transaction
            {
                SourceAccount = key.Muxed,
                Fee = (uint)(resourceFee + SampleNetwork.BaseFee),
                SeqNum = seqNum,
                Cond = Preconditions.None.Instance,
                Memo = Memo.None.Instance,
                Operations =
                [
                    new Operation
                    {
                        SourceAccount = null,
                        Body = new OperationBody.InvokeHostFunction(new InvokeHostFunctionOp { HostFunction = spec.Function, Auth = [.. spec.Auth ?? []] }),
                    },
                ],
                Ext = new TransactionExt.V1(new SorobanTransactionData { Ext = SorobanTransactionDataExt.V0.Instance, Resources = resources, ResourceFee = resourceFee }),
            };
            return new TransactionEnvelope.Tx(new TransactionV1Envelope { Tx = tx, Signatures = [signature] });
        }
        var placeholder = new DecoratedSignature { Hint = SignatureHint.FromBytes(new byte[4]), Signature = new byte[64] };
        var size = XdrCodec.Encode(Make(0, placeholder)).Length;
        var nonRefundable = NonRefundableFee(resources, spec.ReadOnly.Concat(spec.ReadWrite).Count(k => !LedgerKeys.IsSoroban(k)), spec.ReadWrite.Count, size);
        var resourceFee = nonRefundable + RefundableAllowance;
        var unsigned = Make(resourceFee, placeholder);
        var hash = TransactionHash.Of(unsigned, _networkId);
        var envelope = Make(resourceFee, key.SignTransaction(hash));
        return new Built(spec, envelope, hash, new SorobanTransactionData { Ext = SorobanTransactionDataExt.V0.Instance, Resources = resources, ResourceFee = resourceFee },
            nonRefundable, seqNum);
    }

    /// <summary>
    /// The non-refundable resource fee core charges (compute_transaction_resource_fee of the host
    /// linked for protocol 23, 688bc34e fees.rs): instructions, disk-read entries (from protocol
    /// 23 core counts the classic entries of the footprint and the archived entries to restore;
    /// the sample's footprints hold accounts whose signatures are checked, and nothing archived),
    /// write entries, declared read and write bytes, historical data (transaction size plus the
    /// 300-byte result allowance), bandwidth.
    /// </summary>
    internal static long NonRefundableFee(SorobanResources resources, int diskReadEntries, int writeEntries, int txSize)
    {
        static long PerIncrement(long value, long rate, long increment) => (value * rate + increment - 1) / increment;
        var cost = SampleNetwork.LedgerCost;
        return PerIncrement(resources.Instructions, SampleNetwork.Compute.FeeRatePerInstructionsIncrement, 10_000)
            + cost.FeeDiskReadLedgerEntry * diskReadEntries
            + cost.FeeWriteLedgerEntry * writeEntries
            + PerIncrement(resources.DiskReadBytes, cost.FeeDiskRead1KB, 1024)
            + PerIncrement(resources.WriteBytes, SampleNetwork.LedgerCostExt.FeeWrite1KB, 1024)
            + PerIncrement(txSize + 300, SampleNetwork.Historical.FeeHistorical1KB, 1024)
            + PerIncrement(txSize, SampleNetwork.Bandwidth.FeeTxSize1KB, 1024);
    }

    public LedgerKey AccountKey(int account) => new LedgerKey.Account(new LedgerKeyAccount { AccountID = _accounts[account].PublicKey });

    /// <summary>STATE and UPDATED of an account changed by <paramref name="change"/>; with a sequence bump's ledger and time, the account's seqLedger/seqTime too (v3 extension, as core writes from protocol 19).</summary>
    private LedgerEntryChange[] UpdateAccount(int account, uint seq, Action<AccountEntry> change, (uint Ledger, ulong Time)? bump)
    {
        var pre = _state.Get(AccountKey(account)) ?? throw new InvalidOperationException($"no account {account}");
        var copy = XdrCodec.Decode<LedgerEntry>(XdrCodec.Encode(pre));
        copy.LastModifiedLedgerSeq = seq;
        var entry = ((LedgerEntryData.Account)copy.Data).Value;
        change(entry);
        if (bump is { } b)
        {
            entry.Ext = new AccountEntryExt.V1(new AccountEntryExtensionV1
            {
                Liabilities = new Liabilities { Buying = 0, Selling = 0 },
                Ext = new AccountEntryExtensionV1Ext.V2(new AccountEntryExtensionV2
                {
                    NumSponsored = 0,
                    NumSponsoring = 0,
                    SignerSponsoringIDs = [],
                    Ext = new AccountEntryExtensionV2Ext.V3(new AccountEntryExtensionV3 { Ext = ExtensionPoint.V0.Instance, SeqLedger = b.Ledger, SeqTime = b.Time }),
                }),
            });
        }
        _state.Set(copy);
        return [new LedgerEntryChange.State(pre), new LedgerEntryChange.Updated(copy)];
    }

    private ReplayCase Case(Built b, int index, uint seq, ulong closeTime, Hash txSetHash)
    {
        var footprint = new List<FootprintEntry>();
        foreach (var (key, readOnly) in b.Spec.ReadOnly.Select(k => (k, true)).Concat(b.Spec.ReadWrite.Select(k => (k, false))))
        {
            var entry = _state.Get(key);
            var live = LedgerKeys.IsSoroban(key) ? _state.LiveUntil(key) : null;
            var state = entry is null ? FootprintEntryState.Absent
                : live is not { } l || l >= seq ? FootprintEntryState.Live
                : LedgerKeys.IsTemporary(key) ? FootprintEntryState.ExpiredTemporary
                : FootprintEntryState.Archived;
            footprint.Add(new FootprintEntry
            {
                Key = key,
                ReadOnly = readOnly,
                State = state,
                Entry = state == FootprintEntryState.Absent ? null : entry,
                LiveUntilLedger = state == FootprintEntryState.Absent ? null : live,
            });
        }
        Span<byte> seedInput = stackalloc byte[40];
        txSetHash.CopyTo(seedInput);
        BinaryPrimitives.WriteUInt64BigEndian(seedInput[32..], (ulong)index);
        return new ReplayCase
        {
            Id = new CaseId(_networkId, seq, index, 0, b.Hash),
            Provenance = new CaseProvenance
            {
                Source = "sample build",
                Object = "",
                Offset = 0,
                Network = SampleNetwork.Passphrase,
                State = "genesis",
                Settings = "ledger state",
            },
            LedgerInfo = new HostLedgerInfo
            {
                ProtocolVersion = Previous.LedgerVersion,
                SequenceNumber = seq,
                Timestamp = closeTime,
                NetworkId = _networkId,
                BaseReserve = Previous.BaseReserve,
                MemoryLimit = SampleNetwork.Compute.TxMemoryLimit,
                MinTemporaryEntryTtl = SampleNetwork.StateArchival.MinTemporaryTTL,
                MinPersistentEntryTtl = SampleNetwork.StateArchival.MinPersistentTTL,
                MaxEntryTtl = SampleNetwork.StateArchival.MaxEntryTTL,
                CpuCostParams = SampleNetwork.CpuCostParams,
                MemCostParams = SampleNetwork.MemCostParams,
            },
            Settings = new NetworkSettings
            {
                ContractMaxSizeBytes = SampleNetwork.ContractMaxSizeBytes,
                ContractDataKeySizeBytes = SampleNetwork.ContractDataKeySizeBytes,
                ContractDataEntrySizeBytes = SampleNetwork.ContractDataEntrySizeBytes,
                Compute = SampleNetwork.Compute,
                LedgerCost = SampleNetwork.LedgerCost,
                LedgerCostExt = SampleNetwork.LedgerCostExt,
                HistoricalData = SampleNetwork.Historical,
                Events = SampleNetwork.Events,
                Bandwidth = SampleNetwork.Bandwidth,
                StateArchival = SampleNetwork.StateArchival,
                StateSizeWindow = _window,
            },
            HostFunction = b.Spec.Function,
            Resources = b.Data.Resources,
            ArchivedEntryIndices = [],
            ResourceFee = b.Data.ResourceFee,
            SourceAccount = _accounts[b.Spec.Account].PublicKey,
            Auth = [.. b.Spec.Auth ?? []],
            Footprint = [.. footprint],
            PrngSeed = Hash.FromBytes(SHA256.HashData(seedInput)),
            Recorded = new RecordedOutcome
            {
                TransactionResult = TransactionResultCode.TxSuccess,
                OperationResult = InvokeHostFunctionResultCode.Success,
                SuccessHash = null,
                ReturnValue = null,
                ContractEvents = [],
                DiagnosticEvents = [],
                CpuInstructions = null,
                MemoryBytes = null,
                LedgerChanges = [],
                Fees = new RecordedFees { FeeCharged = 0, NonRefundableResourceFeeCharged = b.NonRefundable, RefundableResourceFeeCharged = null, RentFeeCharged = null },
            },
        };
    }

    private GeneralizedTransactionSet TxSet(TransactionEnvelope[] sorted) => new GeneralizedTransactionSet.V1(new TransactionSetV1
    {
        PreviousLedgerHash = PreviousHash,
        Phases =
        [
            new TransactionPhase.V0([]),
            new TransactionPhase.V1(new ParallelTxsComponent
            {
                BaseFee = sorted.Length == 0 ? null : SampleNetwork.BaseFee,
                ExecutionStages = sorted.Length == 0 ? [] : [[sorted]],
            }),
        ],
    });

    private LedgerHeader NextHeader(uint seq, uint version, GeneralizedTransactionSet txSet, List<TransactionResultPair> results, byte[][] upgrades, long fees)
    {
        var header = new LedgerHeader
        {
            LedgerVersion = version,
            PreviousLedgerHash = PreviousHash,
            ScpValue = new StellarValue
            {
                TxSetHash = Hash.FromBytes(SHA256.HashData(XdrCodec.Encode(txSet))),
                CloseTime = SampleNetwork.CloseTimeOf(seq),
                Upgrades = upgrades,
                Ext = StellarValueExt.Basic.Instance,
            },
            TxSetResultHash = Hash.FromBytes(SHA256.HashData(XdrCodec.Encode(new TransactionResultSet { Results = [.. results] }))),
            BucketListHash = BucketLists.HeaderHash(_state),
            LedgerSeq = seq,
            TotalCoins = Previous.TotalCoins,
            FeePool = Previous.FeePool + fees,
            InflationSeq = 0,
            IdPool = 0,
            BaseFee = SampleNetwork.BaseFee,
            BaseReserve = SampleNetwork.BaseReserve,
            MaxTxSetSize = 1000,
            SkipList = [default, default, default, default],
            Ext = LedgerHeaderExt.V0.Instance,
        };
        Previous = header;
        PreviousHash = HashOf(header);
        return header;
    }

    private LedgerCloseMeta Meta(LedgerHeader header, GeneralizedTransactionSet txSet, TransactionResultMetaV1[] processing, UpgradeEntryMeta[] upgrades) =>
        new LedgerCloseMeta.V2(new LedgerCloseMetaV2
        {
            Ext = LedgerCloseMetaExt.V0.Instance,
            LedgerHeader = new LedgerHeaderHistoryEntry { Hash = PreviousHash, Header = header, Ext = LedgerHeaderHistoryEntryExt.V0.Instance },
            TxSet = txSet,
            TxProcessing = processing,
            UpgradesProcessing = upgrades,
            ScpInfo = [],
            TotalByteSizeOfLiveSorobanState = _state.SorobanStateSize(),
            EvictedKeys = [],
        });
}

/// <summary>Orders byte arrays lexicographically.</summary>
internal sealed class ByteOrder : IComparer<byte[]>
{
    public static ByteOrder Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
