using System.Security.Cryptography;
using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Prng;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "p" (prng) and the per-frame PRNGs (fact: host/prng.rs, host/frame.rs with_current_prng,
// crypto/mod.rs chacha20_fill_bytes / unbias_prng_seed).
public sealed partial class Host
{
    public const int PrngSeedBytes = 32;

    // unbias_prng_seed's HMAC-SHA256 key (crypto/mod.rs).
    private static readonly byte[] UnbiasSalt = Convert.FromHexString("7ac33997544e3175d266bd022439b22cdb16508c01163f26e5cb2a3e1045a979");

    private ChaChaPrng? _basePrng;

    /// <summary>
    /// Seeds the host's base PRNG (<c>set_base_prng_seed</c>): the seed is unbiased through
    /// HMAC-SHA256 (charged as two 64-byte SHA-256 computations), and two sub-PRNGs are drawn from
    /// the base, unmetered, for auth-nonce recording and tests, as the reference does.
    /// </summary>
    public void SetBasePrngSeed(ReadOnlySpan<byte> seed)
    {
        var prng = NewPrngFromSeed(seed);
        UnmeteredRawSubPrng(prng);
        TestPrng = UnmeteredRawSubPrng(prng);
        _basePrng = prng;
    }

    /// <summary>The reference's test PRNG (the second unmetered sub-PRNG of the base), for tools reproducing its tests.</summary>
    public ChaChaPrng? TestPrng { get; private set; }

    private ChaChaPrng NewPrngFromSeed(ReadOnlySpan<byte> seed)
    {
        Budget.BulkCharge(ContractCostType.ComputeSha256Hash, 2, 64);
        return new ChaChaPrng(HMACSHA256.HashData(UnbiasSalt, seed));
    }

    private static ChaChaPrng UnmeteredRawSubPrng(ChaChaPrng parent)
    {
        Span<byte> seed = stackalloc byte[PrngSeedBytes];
        parent.FillBytes(seed);
        return new ChaChaPrng(seed);
    }

    // chacha20_fill_bytes: ChaCha20DrawBytes of the length, then the draw.
    private void Chacha20FillBytes(ChaChaPrng prng, Span<byte> dest)
    {
        Budget.Charge(ContractCostType.ChaCha20DrawBytes, (ulong)dest.Length);
        prng.FillBytes(dest);
    }

    /// <summary>
    /// The current frame's PRNG, seeded on first use from the base PRNG (<c>sub_prng</c>: a
    /// 32-byte draw, then MemCpy of 32). No frame: (Context, InternalError); unseeded base:
    /// (Context, InternalError).
    /// </summary>
    private ChaChaPrng CurrentPrng()
    {
        var frame = CurrentFrame
            ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "no frame for a PRNG");
        if (frame.Prng is { } p)
            return p;
        var basePrng = _basePrng
            ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "host base PRNG was not seeded");
        Span<byte> seed = stackalloc byte[PrngSeedBytes];
        Chacha20FillBytes(basePrng, seed);
        Budget.Charge(ContractCostType.MemCpy, PrngSeedBytes);
        var sub = new ChaChaPrng(seed);
        frame.Prng = sub;
        return sub;
    }

    internal Val PrngReseed(Val seed)
    {
        var bytes = Visit<BytesObject>(seed).Bytes;
        Budget.Charge(ContractCostType.MemCpy, PrngSeedBytes);
        if (bytes.Length != PrngSeedBytes)
            throw Err(SCErrorType.Value, SCErrorCode.UnexpectedSize, "Unexpected size of BytesObject in prng_reseed", Val.FromU32((uint)bytes.Length));
        // with_current_prng takes (and if needed first seeds) the frame PRNG, then replaces it.
        CurrentPrng();
        CurrentFrame!.Prng = NewPrngFromSeed(bytes);
        return Val.Void;
    }

    internal Val PrngBytesNew(uint length)
    {
        var prng = CurrentPrng();
        ChargeBulkInitCopy(length, DeclaredSize.U8);
        var bytes = new byte[length];
        Chacha20FillBytes(prng, bytes);
        return AddObject(new BytesObject(bytes));
    }

    internal ulong PrngU64InInclusiveRange(ulong lo, ulong hi)
    {
        var prng = CurrentPrng();
        if (lo > hi)
            throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "prng range low above high");
        Budget.Charge(ContractCostType.ChaCha20DrawBytes, 2 * DeclaredSize.U64);
        return Rand08.U64InInclusiveRange(prng, lo, hi);
    }

    internal Val PrngVecShuffle(Val v)
    {
        var items = Visit<VecObject>(v).Items;
        var prng = CurrentPrng();
        ChargeShallowCopy(1, DeclaredSize.Vec);
        ChargeVecSubstructure(items.Length);
        var copy = (Val[])items.Clone();
        Budget.Charge(ContractCostType.ChaCha20DrawBytes, CostModel.SatMul(16, (ulong)items.Length));
        Budget.Charge(ContractCostType.MemCpy, (ulong)items.Length);
        Rand08.Shuffle(prng, copy);
        return AddObject(new VecObject(copy));
    }
}
