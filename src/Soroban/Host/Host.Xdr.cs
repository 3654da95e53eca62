using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Metered XDR (fact: host/metered_xdr.rs): writing through MeteredXdr (ValSer per write of the
// Rust encoder); reading charges ValDeser once for the whole input.
public sealed partial class Host
{
    /// <summary><c>metered_write_xdr</c> of an ScVal: any failure (budget or limit) is (Budget, ExceededLimit).</summary>
    public byte[] MeteredWriteXdr(SCVal value) => MeteredXdr.Write(Budget, value);

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
            throw Err(SCErrorType.Value, SCErrorCode.UnexpectedType, "Deserialized ScVal type cannot be represented as Val", Val.FromI32((int)scv.Type));
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
}
