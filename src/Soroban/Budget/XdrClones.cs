using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Budget;

/// <summary>
/// What the reference charges to clone XDR values (fact: host/metered_clone.rs, the
/// <c>MeteredClone</c> impls and <c>charge_for_substructure</c> of each type): a shallow copy of
/// the value's declared size, then for every owned heap part an allocation and a copy of its
/// elements, recursively (ScVal nesting under the budget's depth limit). The values themselves
/// are immutable here, so only the charges are made.
/// </summary>
public static class XdrClones
{
    /// <summary><c>metered_clone</c> of a LedgerKey.</summary>
    public static void LedgerKey(Budget b, LedgerKey k)
    {
        b.Charge(ContractCostType.MemCpy, DeclaredSize.LedgerKey);
        LedgerKeySubstructure(b, k);
    }

    private static void LedgerKeySubstructure(Budget b, LedgerKey k)
    {
        switch (k)
        {
            case Stellar.Xdr.LedgerKey.ContractData d: ScValSubstructure(b, d.Value.Key); break;
            case Stellar.Xdr.LedgerKey.ContractCode or Stellar.Xdr.LedgerKey.Account or Stellar.Xdr.LedgerKey.Trustline: break;
            default: throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, "cloning a ledger key the host does not support");
        }
    }

    /// <summary><c>metered_clone</c> of a LedgerEntry, as the host linked for <paramref name="protocol"/> charges it.</summary>
    public static void LedgerEntry(Budget b, LedgerEntry e, int protocol)
    {
        b.Charge(ContractCostType.MemCpy, DeclaredSize.LedgerEntry);
        switch (e.Data)
        {
            case LedgerEntryData.ContractData d:
                ScValSubstructure(b, d.Value.Val);
                ScValSubstructure(b, d.Value.Key);
                break;
            case LedgerEntryData.ContractCode c: ContractCodeSubstructure(b, c.Value); break;
            case LedgerEntryData.Account a: AccountSubstructure(b, a.Value, protocol); break;
            case LedgerEntryData.Trustline: break;
            default: throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, "cloning a ledger entry the host does not support");
        }
    }

    /// <summary><c>metered_clone</c> of an AccountEntry, as the host linked for <paramref name="protocol"/> charges it.</summary>
    public static void AccountEntry(Budget b, AccountEntry a, int protocol)
    {
        b.Charge(ContractCostType.MemCpy, DeclaredSize.AccountEntry);
        AccountSubstructure(b, a, protocol);
    }

    /// <summary><c>metered_clone</c> of an ScVal (64 bytes, then its substructure).</summary>
    public static void ScVal(Budget b, SCVal v)
    {
        b.Charge(ContractCostType.MemCpy, DeclaredSize.ScVal);
        ScValSubstructure(b, v);
    }

    /// <summary><c>metered_clone</c> of an ScContractInstance.</summary>
    public static void ContractInstance(Budget b, SCContractInstance i)
    {
        b.Charge(ContractCostType.MemCpy, DeclaredSize.ScContractInstance);
        if (i.Storage is { } storage)
            ScMapSubstructure(b, storage);
    }

    /// <summary>
    /// <c>metered_clone</c> of the arguments of a create-contract host function: CreateContractArgs
    /// (shallow) in the v21 host; CreateContractArgsV2 from protocol 22, whose constructor
    /// arguments are a vector of ScVals.
    /// </summary>
    public static void CreateContractArgs(Budget b, int protocol, ContractIDPreimage preimage, SCVal[] constructorArgs)
    {
        ArgumentNullException.ThrowIfNull(constructorArgs);
        _ = preimage; // an address or asset preimage has no owned parts to clone
        b.Charge(ContractCostType.MemCpy, DeclaredSize.CreateContractArgs(protocol));
        if (protocol < 22)
            return;
        VecOfShallow(b, (ulong)constructorArgs.Length, DeclaredSize.ScVal);
        foreach (var v in constructorArgs)
            ScValSubstructure(b, v);
    }

    /// <summary><c>metered_clone</c> of a ContractIdPreimage (shallow).</summary>
    public static void ContractIdPreimage(Budget b, int protocol) =>
        b.Charge(ContractCostType.MemCpy, DeclaredSize.ContractIdPreimage(protocol));

    /// <summary><c>metered_clone</c> of a byte vector (BytesM, ScBytes): its 24-byte header, then allocation and copy of the bytes.</summary>
    public static void Bytes(Budget b, int length)
    {
        b.Charge(ContractCostType.MemCpy, DeclaredSize.Vec);
        VecOfShallow(b, (ulong)length, 1);
    }

    /// <summary>Vec&lt;C&gt; substructure for shallow C: allocation and copy of len elements.</summary>
    private static void VecOfShallow(Budget b, ulong len, ulong elementSize)
    {
        b.Charge(ContractCostType.MemAlloc, CostModel.SatMul(len, elementSize));
        b.Charge(ContractCostType.MemCpy, CostModel.SatMul(len, elementSize));
    }

    /// <summary>ScVal::charge_for_substructure: one depth level, then the owned parts.</summary>
    public static void ScValSubstructure(Budget b, SCVal v)
    {
        b.EnterDepth();
        try
        {
            switch (v)
            {
                case SCVal.Vec { Value: null } or SCVal.Map { Value: null }:
                    throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "ScVal vec or map body missing");
                case SCVal.Vec vec:
                    {
                        var items = vec.Value!;
                        VecOfShallow(b, (ulong)items.Length, DeclaredSize.ScVal);
                        foreach (var x in items)
                            ScValSubstructure(b, x);
                        break;
                    }
                case SCVal.Map map: ScMapSubstructure(b, map.Value!); break;
                case SCVal.Bytes bytes: VecOfShallow(b, (ulong)bytes.Value.Length, 1); break;
                case SCVal.String s: VecOfShallow(b, (ulong)s.Value.Bytes.Length, 1); break;
                case SCVal.Symbol s: VecOfShallow(b, (ulong)s.Value.Bytes.Length, 1); break;
                case SCVal.ContractInstance ci:
                    if (ci.Value.Storage is { } storage)
                        ScMapSubstructure(b, storage);
                    break;
            }
        }
        finally
        {
            b.LeaveDepth();
        }
    }

    private static void ScMapSubstructure(Budget b, SCMapEntry[] entries)
    {
        VecOfShallow(b, (ulong)entries.Length, DeclaredSize.ScMapEntry);
        foreach (var e in entries)
        {
            ScValSubstructure(b, e.Key);
            ScValSubstructure(b, e.Val);
        }
    }

    private static void ContractCodeSubstructure(Budget b, ContractCodeEntry c)
    {
        // ContractCodeEntryV1 is shallow; the code is a byte vector.
        VecOfShallow(b, (ulong)c.Code.Length, 1);
    }

    // The signer sponsoring ids are charged from protocol 26 (earlier hosts clone them uncharged).
    private static void AccountSubstructure(Budget b, AccountEntry a, int protocol)
    {
        VecOfShallow(b, (ulong)a.HomeDomain.Bytes.Length, 1);
        VecOfShallow(b, (ulong)a.Signers.Length, DeclaredSize.Signer);
        foreach (var s in a.Signers)
        {
            if (s.Key is SignerKey.Ed25519SignedPayload p)
                VecOfShallow(b, (ulong)p.Value.Payload.Length, 1);
        }
        if (protocol >= 26 && a.Ext is AccountEntryExt.V1 { Value.Ext: AccountEntryExtensionV1Ext.V2 v2 })
            VecOfShallow(b, (ulong)v2.Value.SignerSponsoringIDs.Length, DeclaredSize.SponsorshipDescriptor);
    }
}
