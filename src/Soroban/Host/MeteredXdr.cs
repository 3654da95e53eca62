using System.Buffers;
using System.Buffers.Binary;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

/// <summary>
/// Metered XDR encoding (fact: host/metered_xdr.rs <c>metered_write_xdr</c>): the reference wraps
/// its output in a writer that charges ValSer, with the byte count as input, for every write the
/// Rust XDR encoder makes: one per 4- or 8-byte primitive (integers, booleans, enum and union
/// discriminants, lengths), one per non-empty opaque or string body, one per non-empty padding,
/// one per fixed-length array. The charge model truncates per charge, so the write sizes, not
/// only their sum, decide the cost: each type is walked here with the reference encoder's
/// granularity. Any failure (budget or the 32 MiB length limit) is (Budget, ExceededLimit).
/// </summary>
public static class MeteredXdr
{
    /// <summary>Total encoded length the reference's writer allows (DEFAULT_XDR_RW_LIMITS.len, 32 MiB).</summary>
    public const int LengthLimit = 32 * 1024 * 1024;

    public static byte[] Write(Budget.Budget budget, SCVal value) => Run(budget, w => w.ScVal(value));

    public static byte[] Write(Budget.Budget budget, LedgerKey value) => Run(budget, w => w.LedgerKey(value));

    public static byte[] Write(Budget.Budget budget, LedgerEntry value) => Run(budget, w => w.LedgerEntry(value));

    public static byte[] Write(Budget.Budget budget, ContractEvent value) => Run(budget, w => w.ContractEvent(value));

    /// <summary>HashIdPreimage::ContractId (the envelope type, the network id, the contract id preimage).</summary>
    public static byte[] WriteContractIdHashPreimage(Budget.Budget budget, Hash networkId, ContractIDPreimage preimage) => Run(budget, w =>
    {
        w.I32((int)EnvelopeType.ContractId);
        w.Hash(networkId);
        w.I32((int)preimage.Type);
        switch (preimage)
        {
            case ContractIDPreimage.Address a:
                w.ScAddress(a.Value.Address);
                w.Uint256(a.Value.Salt);
                break;
            case ContractIDPreimage.Asset asset:
                w.Asset(asset.Value);
                break;
            default:
                throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, $"contract id preimage kind {preimage.Type} has no encoding here");
        }
    });

    /// <summary>An Asset (the asset contract's <c>init_asset</c> argument).</summary>
    public static byte[] WriteAsset(Budget.Budget budget, Asset asset) => Run(budget, w => w.Asset(asset));

    /// <summary>
    /// HashIdPreimage::SorobanAuthorization (the envelope type, network id, nonce, signature
    /// expiration ledger, invocation tree) or, with <paramref name="address"/>,
    /// HashIdPreimage::SorobanAuthorizationWithAddress (the address after the expiration ledger).
    /// </summary>
    public static byte[] WriteSorobanAuthorizationPreimage(Budget.Budget budget, Hash networkId, long nonce, uint signatureExpirationLedger,
        SCAddress? address, SorobanAuthorizedInvocation invocation) => Run(budget, w =>
    {
        w.I32((int)(address is null ? EnvelopeType.SorobanAuthorization : EnvelopeType.SorobanAuthorizationWithAddress));
        w.Hash(networkId);
        w.I64(nonce);
        w.U32(signatureExpirationLedger);
        if (address is not null)
            w.ScAddress(address);
        w.AuthorizedInvocation(invocation);
    });

    private static byte[] Run(Budget.Budget budget, Action<Writer> write)
    {
        var output = t_scratch ?? new ArrayBufferWriter<byte>(256);
        t_scratch = null;
        output.ResetWrittenCount();
        var w = new Writer(budget, output);
        try
        {
            write(w);
            return output.WrittenSpan.ToArray();
        }
        catch (HostError e) when (e.Type != SCErrorType.Budget || e.Code != SCErrorCode.ExceededLimit)
        {
            throw new HostError(SCErrorType.Budget, SCErrorCode.ExceededLimit, "metered XDR write failed: " + e.Message);
        }
        finally
        {
            if (output.Capacity <= MaxScratchBytes)
                t_scratch = output;
        }
    }

    /// <summary>
    /// This thread's output buffer: a stream growing from nothing for each write, and a contract
    /// code entry encoded for its size is tens of KiB, had been most of what metered writes
    /// allocated. Taken while in use; not kept once grown past <see cref="MaxScratchBytes"/>.
    /// </summary>
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_scratch;

    private const int MaxScratchBytes = 1 << 20;

    /// <summary>The writer: each method mirrors one XDR type's encoding.</summary>
    internal sealed class Writer(Budget.Budget budget, ArrayBufferWriter<byte> output)
    {
        private void Emit(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
                return; // write_all of nothing makes no write
            if ((long)output.WrittenCount + bytes.Length > LengthLimit)
                throw new HostError(SCErrorType.Budget, SCErrorCode.ExceededLimit, "XDR length limit");
            budget.Charge(ContractCostType.ValSer, (ulong)bytes.Length);
            output.Write(bytes);
        }

        public void U32(uint v)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
            Emit(b);
        }

        public void I32(int v) => U32((uint)v);

        public void U64(ulong v)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(b, v);
            Emit(b);
        }

        public void I64(long v) => U64((ulong)v);

        public void Bool(bool v) => U32(v ? 1u : 0u);

        /// <summary>Variable-length opaque or string: length, body, padding (three writes at most).</summary>
        public void Opaque(ReadOnlySpan<byte> bytes)
        {
            U32((uint)bytes.Length);
            Fixed(bytes);
        }

        /// <summary>Fixed-length opaque: body, then padding.</summary>
        public void Fixed(ReadOnlySpan<byte> bytes)
        {
            Emit(bytes);
            var pad = (4 - bytes.Length % 4) % 4;
            if (pad > 0)
                Emit(stackalloc byte[pad]);
        }

        public void Hash(Hash h)
        {
            Span<byte> b = stackalloc byte[32];
            h.CopyTo(b);
            Emit(b);
        }

        public void Uint256(Uint256 h)
        {
            Span<byte> b = stackalloc byte[32];
            h.CopyTo(b);
            Emit(b);
        }

        public void ExtensionPointV0() => I32(0);

        public void ScVal(SCVal v)
        {
            I32((int)v.Type);
            switch (v)
            {
                case SCVal.Bool b: Bool(b.Value); break;
                case SCVal.Void: break;
                case SCVal.Error e: ScError(e.Value); break;
                case SCVal.U32 u: U32(u.Value); break;
                case SCVal.I32 i: I32(i.Value); break;
                case SCVal.U64 u: U64(u.Value); break;
                case SCVal.I64 i: I64(i.Value); break;
                case SCVal.Timepoint t: U64(t.Value); break;
                case SCVal.Duration d: U64(d.Value); break;
                case SCVal.U128 u: U64(u.Value.Hi); U64(u.Value.Lo); break;
                case SCVal.I128 i: I64(i.Value.Hi); U64(i.Value.Lo); break;
                case SCVal.U256 u: U64(u.Value.HiHi); U64(u.Value.HiLo); U64(u.Value.LoHi); U64(u.Value.LoLo); break;
                case SCVal.I256 i: I64(i.Value.HiHi); U64(i.Value.HiLo); U64(i.Value.LoHi); U64(i.Value.LoLo); break;
                case SCVal.Bytes b: Opaque(b.Value); break;
                case SCVal.String s: Opaque(s.Value.Bytes); break;
                case SCVal.Symbol s: Opaque(s.Value.Bytes); break;
                case SCVal.Vec vec:
                    Bool(vec.Value is not null);
                    if (vec.Value is { } items)
                    {
                        U32((uint)items.Length);
                        foreach (var x in items)
                            ScVal(x);
                    }
                    break;
                case SCVal.Map map:
                    Bool(map.Value is not null);
                    if (map.Value is { } entries)
                        ScMap(entries);
                    break;
                case SCVal.Address a: ScAddress(a.Value); break;
                case SCVal.ContractInstance ci: ContractInstance(ci.Value); break;
                case SCVal.LedgerKeyContractInstance: break;
                case SCVal.LedgerKeyNonce n: I64(n.Value.Nonce); break;
                default:
                    throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, $"ScVal kind {v.Type} has no encoding here");
            }
        }

        private void ScMap(SCMapEntry[] entries)
        {
            U32((uint)entries.Length);
            foreach (var e in entries)
            {
                ScVal(e.Key);
                ScVal(e.Val);
            }
        }

        public void ScError(SCError e)
        {
            I32((int)e.Type);
            U32(e is SCError.Contract c ? c.Value : (uint)Host.ErrorCodeOf(e));
        }

        private void ContractInstance(SCContractInstance ci)
        {
            ContractExecutable(ci.Executable);
            Bool(ci.Storage is not null);
            if (ci.Storage is { } storage)
                ScMap(storage);
        }

        private void ContractExecutable(ContractExecutable e)
        {
            I32((int)e.Type);
            if (e is ContractExecutable.Wasm w)
                Hash(w.Value);
        }

        public void Asset(Asset a)
        {
            I32((int)a.Type);
            switch (a)
            {
                case Stellar.Xdr.Asset.CreditAlphanum4 c4:
                    Fixed(c4.Value.AssetCode.ToArray());
                    PublicKey(c4.Value.Issuer);
                    break;
                case Stellar.Xdr.Asset.CreditAlphanum12 c12:
                    Fixed(c12.Value.AssetCode.ToArray());
                    PublicKey(c12.Value.Issuer);
                    break;
            }
        }

        public void PublicKey(PublicKey k)
        {
            I32((int)k.Type);
            Uint256(((PublicKey.PublicKeyTypeEd25519)k).Value);
        }

        public void ScAddress(SCAddress a)
        {
            I32((int)a.Type);
            switch (a)
            {
                case SCAddress.Account acc: PublicKey(acc.Value); break;
                case SCAddress.Contract c: Hash(c.Value); break;
                case SCAddress.MuxedAccount m: U64(m.Value.Id); Uint256(m.Value.Ed25519); break;
                case SCAddress.ClaimableBalance cb:
                    I32((int)cb.Value.Type);
                    Hash(((ClaimableBalanceID.ClaimableBalanceIdTypeV0)cb.Value).Value);
                    break;
                case SCAddress.LiquidityPool lp: Hash(lp.Value); break;
                default: throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, "unknown ScAddress kind");
            }
        }

        public void LedgerKey(LedgerKey k)
        {
            I32((int)k.Type);
            switch (k)
            {
                case Stellar.Xdr.LedgerKey.Account a: PublicKey(a.Value.AccountID); break;
                case Stellar.Xdr.LedgerKey.Trustline t: PublicKey(t.Value.AccountID); TrustLineAsset(t.Value.Asset); break;
                case Stellar.Xdr.LedgerKey.ContractData d:
                    ScAddress(d.Value.Contract);
                    ScVal(d.Value.Key);
                    I32((int)d.Value.Durability);
                    break;
                case Stellar.Xdr.LedgerKey.ContractCode c: Hash(c.Value.Hash); break;
                case Stellar.Xdr.LedgerKey.Ttl t: Hash(t.Value.KeyHash); break;
                default:
                    throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, $"ledger key kind {k.Type} is not Soroban's");
            }
        }

        private void TrustLineAsset(TrustLineAsset a)
        {
            I32((int)a.Type);
            switch (a)
            {
                case Stellar.Xdr.TrustLineAsset.Native: break;
                case Stellar.Xdr.TrustLineAsset.CreditAlphanum4 c4:
                    Fixed(c4.Value.AssetCode.ToArray());
                    PublicKey(c4.Value.Issuer);
                    break;
                case Stellar.Xdr.TrustLineAsset.CreditAlphanum12 c12:
                    Fixed(c12.Value.AssetCode.ToArray());
                    PublicKey(c12.Value.Issuer);
                    break;
                case Stellar.Xdr.TrustLineAsset.PoolShare p: Hash(p.Value); break;
            }
        }

        public void LedgerEntry(LedgerEntry e)
        {
            U32(e.LastModifiedLedgerSeq);
            I32((int)e.Data.Type);
            switch (e.Data)
            {
                case LedgerEntryData.ContractData d:
                    ExtensionPointV0();
                    ScAddress(d.Value.Contract);
                    ScVal(d.Value.Key);
                    I32((int)d.Value.Durability);
                    ScVal(d.Value.Val);
                    break;
                case LedgerEntryData.ContractCode c:
                    I32(c.Value.Ext is ContractCodeEntryExt.V1 ? 1 : 0);
                    if (c.Value.Ext is ContractCodeEntryExt.V1 v1)
                    {
                        ExtensionPointV0();
                        var ci = v1.Value.CostInputs;
                        ExtensionPointV0();
                        U32(ci.NInstructions); U32(ci.NFunctions); U32(ci.NGlobals); U32(ci.NTableEntries); U32(ci.NTypes);
                        U32(ci.NDataSegments); U32(ci.NElemSegments); U32(ci.NImports); U32(ci.NExports); U32(ci.NDataSegmentBytes);
                    }
                    Hash(c.Value.Hash);
                    Opaque(c.Value.Code);
                    break;
                case LedgerEntryData.Ttl t:
                    Hash(t.Value.KeyHash);
                    U32(t.Value.LiveUntilLedgerSeq);
                    break;
                case LedgerEntryData.Account a: AccountEntry(a.Value); break;
                case LedgerEntryData.Trustline t: TrustLineEntry(t.Value); break;
                default:
                    throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, $"ledger entry kind {e.Data.Type} is not Soroban's");
            }
            switch (e.Ext)
            {
                case LedgerEntryExt.V1 v1:
                    I32(1);
                    Bool(v1.Value.SponsoringID is not null);
                    if (v1.Value.SponsoringID is { } sponsor)
                        PublicKey(sponsor);
                    I32(0);
                    break;
                default:
                    I32(0);
                    break;
            }
        }

        private void Liabilities(Liabilities l)
        {
            I64(l.Buying);
            I64(l.Selling);
        }

        private void AccountEntry(AccountEntry a)
        {
            PublicKey(a.AccountID);
            I64(a.Balance);
            I64(a.SeqNum);
            U32(a.NumSubEntries);
            Bool(a.InflationDest is not null);
            if (a.InflationDest is { } dest)
                PublicKey(dest);
            U32(a.Flags);
            Opaque(a.HomeDomain.Bytes);
            Fixed(a.Thresholds.ToArray());
            U32((uint)a.Signers.Length);
            foreach (var s in a.Signers)
            {
                SignerKey(s.Key);
                U32(s.Weight);
            }
            if (a.Ext is not AccountEntryExt.V1 v1)
            {
                I32(0);
                return;
            }
            I32(1);
            Liabilities(v1.Value.Liabilities);
            if (v1.Value.Ext is not AccountEntryExtensionV1Ext.V2 v2)
            {
                I32(0);
                return;
            }
            I32(2);
            U32(v2.Value.NumSponsored);
            U32(v2.Value.NumSponsoring);
            U32((uint)v2.Value.SignerSponsoringIDs.Length);
            foreach (var id in v2.Value.SignerSponsoringIDs)
            {
                Bool(id is not null);
                if (id is not null)
                    PublicKey(id);
            }
            if (v2.Value.Ext is not AccountEntryExtensionV2Ext.V3 v3)
            {
                I32(0);
                return;
            }
            I32(3);
            ExtensionPointV0();
            U32(v3.Value.SeqLedger);
            U64(v3.Value.SeqTime);
        }

        private void SignerKey(SignerKey k)
        {
            I32((int)k.Type);
            switch (k)
            {
                case Stellar.Xdr.SignerKey.Ed25519 e: Uint256(e.Value); break;
                case Stellar.Xdr.SignerKey.PreAuthTx p: Uint256(p.Value); break;
                case Stellar.Xdr.SignerKey.HashX x: Uint256(x.Value); break;
                case Stellar.Xdr.SignerKey.Ed25519SignedPayload sp:
                    Uint256(sp.Value.Ed25519);
                    Opaque(sp.Value.Payload);
                    break;
            }
        }

        private void TrustLineEntry(TrustLineEntry t)
        {
            PublicKey(t.AccountID);
            TrustLineAsset(t.Asset);
            I64(t.Balance);
            I64(t.Limit);
            U32(t.Flags);
            if (t.Ext is not TrustLineEntryExt.V1 v1)
            {
                I32(0);
                return;
            }
            I32(1);
            Liabilities(v1.Value.Liabilities);
            if (v1.Value.Ext is not TrustLineEntryV1Ext.V2 v2)
            {
                I32(0);
                return;
            }
            I32(2);
            I32(v2.Value.LiquidityPoolUseCount);
            I32(0);
        }

        public void AuthorizedInvocation(SorobanAuthorizedInvocation inv)
        {
            I32((int)inv.Function.Type);
            switch (inv.Function)
            {
                case SorobanAuthorizedFunction.ContractFn f:
                    ScAddress(f.Value.ContractAddress);
                    Opaque(f.Value.FunctionName.Bytes);
                    U32((uint)f.Value.Args.Length);
                    foreach (var a in f.Value.Args)
                        ScVal(a);
                    break;
                case SorobanAuthorizedFunction.CreateContractHostFn c:
                    ContractIdPreimage(c.Value.ContractIDPreimage);
                    Executable(c.Value.Executable);
                    break;
                case SorobanAuthorizedFunction.CreateContractV2HostFn c:
                    ContractIdPreimage(c.Value.ContractIDPreimage);
                    Executable(c.Value.Executable);
                    U32((uint)c.Value.ConstructorArgs.Length);
                    foreach (var a in c.Value.ConstructorArgs)
                        ScVal(a);
                    break;
            }
            U32((uint)inv.SubInvocations.Length);
            foreach (var sub in inv.SubInvocations)
                AuthorizedInvocation(sub);
        }

        public void ContractIdPreimage(ContractIDPreimage p)
        {
            I32((int)p.Type);
            switch (p)
            {
                case ContractIDPreimage.Address a:
                    ScAddress(a.Value.Address);
                    Uint256(a.Value.Salt);
                    break;
                case ContractIDPreimage.Asset asset:
                    Asset(asset.Value);
                    break;
                default:
                    throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, $"contract id preimage kind {p.Type} has no encoding here");
            }
        }

        public void Executable(ContractExecutable e)
        {
            I32((int)e.Type);
            if (e is ContractExecutable.Wasm wasm)
                Hash(wasm.Value);
        }

        public void ContractEvent(ContractEvent e)
        {
            ExtensionPointV0();
            Bool(e.ContractID is not null);
            if (e.ContractID is { } id)
                Hash(id);
            I32((int)e.Type);
            I32(0);
            var body = ((ContractEventBody.V0)e.Body).Value;
            U32((uint)body.Topics.Length);
            foreach (var t in body.Topics)
                ScVal(t);
            ScVal(body.Data);
        }
    }
}
