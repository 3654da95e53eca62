using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Building;

/// <summary>Where a transaction sits in its set: the phase, and for a parallel (protocol 23+) phase its stage and cluster.</summary>
internal readonly record struct TxPlacement(int Phase, bool Parallel, int Stage, int Cluster);

/// <summary>One transaction as the ledger applied it: apply index, envelope, placement, result and meta.</summary>
internal sealed record AppliedTransaction(
    int Index,
    Hash Hash,
    TransactionEnvelope Envelope,
    TxPlacement Placement,
    TransactionResult Result,
    LedgerEntryChange[] FeeProcessing,
    TransactionMeta Meta,
    LedgerEntryChange[] PostApplyFeeProcessing)
{
    private FootprintKeys? _footprint;
    private (LedgerEntryChange[] Before, LedgerEntryChange[][] Operations, LedgerEntryChange[] After)? _changes;

    /// <summary>The meta's changes before the operations, per operation, and after.</summary>
    public (LedgerEntryChange[] Before, LedgerEntryChange[][] Operations, LedgerEntryChange[] After) Changes =>
        _changes ??= TransactionParts.ChangesOf(Meta);

    /// <summary>The Soroban footprint's keys in state form with their TTL keys, computed once.</summary>
    public FootprintKeys Footprint => _footprint ??= FootprintKeys.Of(TransactionParts.Of(Envelope).Soroban?.Resources.Footprint);
}

/// <summary>A footprint's keys as the state keys them, each Soroban key with its TTL key (null for other types).</summary>
internal sealed class FootprintKeys
{
    private FootprintKeys(LedgerFootprint footprint)
    {
        Source = footprint;
        (ReadOnly, ReadOnlyTtl) = Keys(footprint.ReadOnly);
        (ReadWrite, ReadWriteTtl) = Keys(footprint.ReadWrite);
    }

    public LedgerFootprint Source { get; }
    public State.StateKey[] ReadOnly { get; }
    public State.StateKey?[] ReadOnlyTtl { get; }
    public State.StateKey[] ReadWrite { get; }
    public State.StateKey?[] ReadWriteTtl { get; }

    public static FootprintKeys Of(LedgerFootprint? footprint) => new(footprint ?? new LedgerFootprint { ReadOnly = [], ReadWrite = [] });

    private static (State.StateKey[], State.StateKey?[]) Keys(LedgerKey[] keys)
    {
        var stateKeys = new State.StateKey[keys.Length];
        var ttlKeys = new State.StateKey?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            stateKeys[i] = State.StateKey.Of(keys[i]);
            ttlKeys[i] = stateKeys[i].IsSoroban ? stateKeys[i].TtlKey() : null;
        }
        return (stateKeys, ttlKeys);
    }
}

/// <summary>
/// A ledger's transactions in apply order (the order of its meta), each paired with its envelope
/// by hash, and the transaction set's contents hash as stellar-core computes it: SHA-256 of the
/// GeneralizedTransactionSet, or for a classic set SHA-256 of the previous ledger hash and each
/// envelope.
/// </summary>
internal sealed class AppliedTransactions
{
    private AppliedTransactions(Hash contentsHash, List<AppliedTransaction> transactions)
    {
        ContentsHash = contentsHash;
        Transactions = transactions;
    }

    public Hash ContentsHash { get; }

    public IReadOnlyList<AppliedTransaction> Transactions { get; }

    /// <summary>Pairs results with envelopes; a result without an envelope means the network id is wrong.</summary>
    public static AppliedTransactions Of(LedgerCloseMeta meta, Hash networkId, uint ledger)
    {
        var placements = new Dictionary<Hash, (TransactionEnvelope Envelope, TxPlacement Placement)>();
        Hash contentsHash;
        switch (meta)
        {
            case LedgerCloseMeta.V0 v0:
                contentsHash = ClassicContentsHash(v0.Value.TxSet);
                foreach (var e in v0.Value.TxSet.Txs)
                    placements[TransactionHash.Of(e, networkId)] = (e, new TxPlacement(0, false, 0, 0));
                break;
            case LedgerCloseMeta.V1 v1:
                contentsHash = GeneralizedContentsHash(v1.Value.TxSet);
                Place(v1.Value.TxSet, networkId, placements);
                break;
            case LedgerCloseMeta.V2 v2:
                contentsHash = GeneralizedContentsHash(v2.Value.TxSet);
                Place(v2.Value.TxSet, networkId, placements);
                break;
            default:
                throw new HistoryDataException($"ledger {ledger}: unknown LedgerCloseMeta version {meta.GetType().Name}");
        }

        var list = new List<AppliedTransaction>();
        var index = 0;
        foreach (var (result, fees, txMeta, post) in ProcessingOf(meta))
        {
            if (!placements.TryGetValue(result.TransactionHash, out var placed))
                throw new HistoryDataException(string.Create(CultureInfo.InvariantCulture,
                    $"ledger {ledger}: result {index} (transaction {result.TransactionHash}) matches no envelope of the transaction set under network id {networkId}: wrong network passphrase, or a corrupt ledger"));
            list.Add(new AppliedTransaction(index, result.TransactionHash, placed.Envelope, placed.Placement, result.Result, fees, txMeta, post));
            index++;
        }
        return new AppliedTransactions(contentsHash, list);
    }

    private static IEnumerable<(TransactionResultPair, LedgerEntryChange[], TransactionMeta, LedgerEntryChange[])> ProcessingOf(LedgerCloseMeta meta)
    {
        switch (meta)
        {
            case LedgerCloseMeta.V0 v0:
                foreach (var t in v0.Value.TxProcessing)
                    yield return (t.Result, t.FeeProcessing, t.TxApplyProcessing, []);
                break;
            case LedgerCloseMeta.V1 v1:
                foreach (var t in v1.Value.TxProcessing)
                    yield return (t.Result, t.FeeProcessing, t.TxApplyProcessing, []);
                break;
            case LedgerCloseMeta.V2 v2:
                foreach (var t in v2.Value.TxProcessing)
                    yield return (t.Result, t.FeeProcessing, t.TxApplyProcessing, t.PostTxApplyFeeProcessing);
                break;
        }
    }

    private static void Place(GeneralizedTransactionSet set, Hash networkId, Dictionary<Hash, (TransactionEnvelope, TxPlacement)> into)
    {
        if (set is not GeneralizedTransactionSet.V1 v1)
            return;
        for (var p = 0; p < v1.Value.Phases.Length; p++)
        {
            switch (v1.Value.Phases[p])
            {
                case TransactionPhase.V0 components:
                    foreach (var component in components.Value)
                    {
                        if (component is TxSetComponent.TxsetCompTxsMaybeDiscountedFee c)
                        {
                            foreach (var e in c.Value.Txs)
                                into[TransactionHash.Of(e, networkId)] = (e, new TxPlacement(p, false, 0, 0));
                        }
                    }
                    break;
                case TransactionPhase.V1 parallel:
                    var stages = parallel.Value.ExecutionStages;
                    for (var s = 0; s < stages.Length; s++)
                    {
                        for (var c = 0; c < stages[s].Length; c++)
                        {
                            foreach (var e in stages[s][c])
                                into[TransactionHash.Of(e, networkId)] = (e, new TxPlacement(p, true, s, c));
                        }
                    }
                    break;
            }
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    public static Hash GeneralizedContentsHash(GeneralizedTransactionSet set)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1 << 16);
        buffer.ResetWrittenCount();
        Replay.Stellar.Xdr.XdrCodec.Encode(set, buffer);
        return Hash.FromBytes(SHA256.HashData(buffer.WrittenSpan));
    }

    public static Hash ClassicContentsHash(TransactionSet set)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(set.PreviousLedgerHash.ToArray());
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1 << 16);
        foreach (var e in set.Txs)
        {
            buffer.ResetWrittenCount();
            Replay.Stellar.Xdr.XdrCodec.Encode(e, buffer);
            sha.AppendData(buffer.WrittenSpan);
        }
        return Hash.FromBytes(sha.GetHashAndReset());
    }

    /// <summary>The per-transaction PRNG seed core passes the host: SHA-256(base seed ‖ XDR uint64 apply index).</summary>
    public static Hash PrngSeed(Hash baseSeed, int applyIndex)
    {
        Span<byte> input = stackalloc byte[40];
        baseSeed.CopyTo(input);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(input[32..], (ulong)applyIndex);
        return Hash.FromBytes(SHA256.HashData(input));
    }
}

/// <summary>History that cannot be applied as it is: a result without an envelope, a ledger out of order, a state that contradicts the meta.</summary>
public sealed class HistoryDataException : Exception
{
    public HistoryDataException()
    {
    }

    public HistoryDataException(string message) : base(message)
    {
    }

    public HistoryDataException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
