using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Metered XDR (fact: host/metered_xdr.rs). Writing charges ValSer once per write the Rust XDR
// encoder makes (each 4- or 8-byte primitive, each opaque body, each non-empty padding, each
// fixed 32-byte array), with the byte count as input; reading charges ValDeser once for the
// whole input.
public sealed partial class Host
{
    /// <summary>Total encoded length the reference's writer allows (DEFAULT_XDR_RW_LIMITS.len, 32 MiB).</summary>
    public const int XdrLengthLimit = 32 * 1024 * 1024;

    /// <summary><c>metered_write_xdr</c> of an ScVal: any failure (budget or limit) is (Budget, ExceededLimit).</summary>
    public byte[] MeteredWriteXdr(SCVal value)
    {
        var w = new MeteredXdrWriter(this);
        try
        {
            w.WriteScVal(value);
        }
        catch (HostError e) when (e.Type != SCErrorType.Budget || e.Code != SCErrorCode.ExceededLimit)
        {
            throw new HostError(SCErrorType.Budget, SCErrorCode.ExceededLimit, "metered XDR write failed: " + e.Message);
        }
        return w.ToArray();
    }

    /// <summary>
    /// <c>metered_from_xdr</c> of an ScVal: ValDeser of the length, then a decode that must use all
    /// bytes. Running past the end (the reader's length limit is the input length) or nesting
    /// past 500 levels is (Context, ExceededLimit); any other malformation (Value, InvalidInput).
    /// </summary>
    public SCVal MeteredReadScVal(ReadOnlySpan<byte> bytes)
    {
        Budget.Charge(Stellar.Xdr.ContractCostType.ValDeser, (ulong)bytes.Length);
        try
        {
            return XdrCodec.Decode<SCVal>(bytes, XdrLimits.DefaultMaxDepth);
        }
        catch (XdrException e)
        {
            var limit = e.Reason.StartsWith("input ends", StringComparison.Ordinal)
                || e.Reason.StartsWith("nesting", StringComparison.Ordinal)
                || e.Reason.EndsWith("bytes left", StringComparison.Ordinal);
            throw limit
                ? new HostError(SCErrorType.Context, SCErrorCode.ExceededLimit, "XDR read past a limit: " + e.Message)
                : new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "malformed XDR: " + e.Message);
        }
    }

    internal Val SerializeToBytes(Val v)
    {
        var scv = FromHostVal(v);
        return AddObject(new BytesObject(MeteredWriteXdr(scv)));
    }

    internal Val DeserializeFromBytes(Val b)
    {
        var bytes = Visit<BytesObject>(b).Bytes;
        var scv = MeteredReadScVal(bytes);
        if (!CanRepresentRecursive(scv))
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "Deserialized ScVal type cannot be represented as Val");
        return ToHostVal(scv);
    }

    /// <summary><c>Val::can_represent_scval_recursive</c>.</summary>
    private static bool CanRepresentRecursive(SCVal v) => v switch
    {
        SCVal.Vec { Value: null } or SCVal.Map { Value: null } => false,
        SCVal.Vec vec => vec.Value!.All(CanRepresentRecursive),
        SCVal.Map map => map.Value!.All(e => CanRepresentRecursive(e.Key) && CanRepresentRecursive(e.Val)),
        SCVal.ContractInstance or SCVal.LedgerKeyContractInstance or SCVal.LedgerKeyNonce => false,
        _ => true,
    };

    /// <summary>An XDR writer with the Rust encoder's write granularity, charging ValSer per write.</summary>
    private sealed class MeteredXdrWriter(Host host)
    {
        private readonly MemoryStream _out = new();

        public byte[] ToArray() => _out.ToArray();

        private void Write(ReadOnlySpan<byte> bytes)
        {
            if (_out.Length + bytes.Length > XdrLengthLimit)
                throw new HostError(SCErrorType.Budget, SCErrorCode.ExceededLimit, "XDR length limit");
            host.Budget.Charge(Stellar.Xdr.ContractCostType.ValSer, (ulong)bytes.Length);
            _out.Write(bytes);
        }

        private void U32(uint v)
        {
            Span<byte> b = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, v);
            Write(b);
        }

        private void U64(ulong v)
        {
            Span<byte> b = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, v);
            Write(b);
        }

        private void Opaque(ReadOnlySpan<byte> bytes)
        {
            U32((uint)bytes.Length);
            if (bytes.Length > 0)
                Write(bytes);
            var pad = (4 - bytes.Length % 4) % 4;
            if (pad > 0)
                Write(stackalloc byte[pad]);
        }

        public void WriteScVal(SCVal v)
        {
            U32((uint)v.Type);
            switch (v)
            {
                case SCVal.Bool b: U32(b.Value ? 1u : 0u); break;
                case SCVal.Void: break;
                case SCVal.Error e:
                    U32((uint)e.Value.Type);
                    U32(e.Value is SCError.Contract c ? c.Value : (uint)ErrorCodeOf(e.Value));
                    break;
                case SCVal.U32 u: U32(u.Value); break;
                case SCVal.I32 i: U32((uint)i.Value); break;
                case SCVal.U64 u: U64(u.Value); break;
                case SCVal.I64 i: U64((ulong)i.Value); break;
                case SCVal.Timepoint t: U64(t.Value); break;
                case SCVal.Duration d: U64(d.Value); break;
                case SCVal.U128 u: U64(u.Value.Hi); U64(u.Value.Lo); break;
                case SCVal.I128 i: U64((ulong)i.Value.Hi); U64(i.Value.Lo); break;
                case SCVal.U256 u: U64(u.Value.HiHi); U64(u.Value.HiLo); U64(u.Value.LoHi); U64(u.Value.LoLo); break;
                case SCVal.I256 i: U64((ulong)i.Value.HiHi); U64(i.Value.HiLo); U64(i.Value.LoHi); U64(i.Value.LoLo); break;
                case SCVal.Bytes b: Opaque(b.Value); break;
                case SCVal.String s: Opaque(s.Value.Bytes); break;
                case SCVal.Symbol s: Opaque(s.Value.Bytes); break;
                case SCVal.Vec vec:
                    U32(vec.Value is null ? 0u : 1u);
                    if (vec.Value is { } items)
                    {
                        U32((uint)items.Length);
                        foreach (var x in items)
                            WriteScVal(x);
                    }
                    break;
                case SCVal.Map map:
                    U32(map.Value is null ? 0u : 1u);
                    if (map.Value is { } entries)
                    {
                        U32((uint)entries.Length);
                        foreach (var e in entries)
                        {
                            WriteScVal(e.Key);
                            WriteScVal(e.Val);
                        }
                    }
                    break;
                case SCVal.Address a: WriteAddress(a.Value); break;
                default:
                    throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, "ScVal kind a Val cannot hold");
            }
        }

        private void WriteAddress(SCAddress a)
        {
            U32((uint)a.Type);
            switch (a)
            {
                case SCAddress.Account acc:
                    {
                        // AccountId = PublicKey: its type, then the 32-byte key in one write.
                        var bytes = acc.Value.ToXdr();
                        Write(bytes.AsSpan(0, 4));
                        Write(bytes.AsSpan(4));
                        break;
                    }
                case SCAddress.MuxedAccount m:
                    {
                        U64(m.Value.Id);
                        Write(m.Value.Ed25519.ToArray());
                        break;
                    }
                default:
                    // Contract (a 32-byte hash) and the other fixed-size variants: one write of the body.
                    Write(a.ToXdr().AsSpan(4));
                    break;
            }
        }
    }
}
