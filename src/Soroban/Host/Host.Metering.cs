using Replay.Soroban.Budget;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Metered allocation and copying, as the reference's metered_clone.rs charges them.
public sealed partial class Host
{
    /// <summary><c>charge_heap_alloc::&lt;T&gt;(n)</c>: MemAlloc of n × size bytes.</summary>
    internal void ChargeHeapAlloc(ulong n, ulong size) =>
        Budget.Charge(ContractCostType.MemAlloc, CostModel.SatMul(n, size));

    /// <summary><c>charge_shallow_copy::&lt;T&gt;(n)</c>: MemCpy of n × size bytes.</summary>
    internal void ChargeShallowCopy(ulong n, ulong size) =>
        Budget.Charge(ContractCostType.MemCpy, CostModel.SatMul(n, size));

    /// <summary>
    /// <c>Vec::&lt;T&gt;::charge_bulk_init_cpy(len)</c>, also the deep-clone charge of a Vec of
    /// shallow elements: copy of the Vec header, allocation and copy of len elements.
    /// </summary>
    internal void ChargeBulkInitCopy(ulong len, ulong elementSize)
    {
        ChargeShallowCopy(1, DeclaredSize.Vec);
        ChargeHeapAlloc(len, elementSize);
        ChargeShallowCopy(len, elementSize);
    }

    /// <summary>Charges a metered clone of a Vec of <paramref name="len"/> shallow elements (same figures as a bulk init).</summary>
    internal void ChargeVecClone(ulong len, ulong elementSize) => ChargeBulkInitCopy(len, elementSize);

    /// <summary>
    /// <c>metered_collect::&lt;Result&lt;Vec&lt;T&gt;, HostError&gt;&gt;(len)</c>: the container is the Result
    /// (24 + 16 bytes) and each item a Result&lt;T, HostError&gt; (size of T + 16).
    /// </summary>
    internal void ChargeResultVecBulkInitCopy(ulong len, ulong elementSize)
    {
        ChargeShallowCopy(1, DeclaredSize.Vec + DeclaredSize.HostError);
        ChargeHeapAlloc(len, elementSize + DeclaredSize.HostError);
        ChargeShallowCopy(len, elementSize + DeclaredSize.HostError);
    }
}
