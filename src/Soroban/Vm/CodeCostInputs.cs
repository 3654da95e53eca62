using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Vm;

/// <summary>
/// What a contract's parse and instantiation are charged by (fact: vm/parsed_module.rs
/// VersionedContractCodeCostInputs): the Wasm size alone (v0: code entries without cost inputs,
/// charged as VmInstantiation, then VmCachedInstantiation from protocol 21), or the refined
/// counts a v1 code entry carries (charged per ParseWasm* and InstantiateWasm* cost type).
/// </summary>
public sealed record CodeCostInputs(int WasmBytes, ContractCodeCostInputs? Refined)
{
    public static CodeCostInputs V0(int wasmBytes) => new(wasmBytes, null);

    public static CodeCostInputs V1(ContractCodeCostInputs inputs) => new(0, inputs);

    public bool IsV0 => Refined is null;

    /// <summary><c>charge_for_parsing</c>.</summary>
    public void ChargeForParsing(Budget.Budget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (Refined is not { } r)
        {
            budget.Charge(ContractCostType.VmInstantiation, (ulong)WasmBytes);
            return;
        }
        budget.Charge(ContractCostType.ParseWasmInstructions, r.NInstructions);
        budget.Charge(ContractCostType.ParseWasmFunctions, r.NFunctions);
        budget.Charge(ContractCostType.ParseWasmGlobals, r.NGlobals);
        budget.Charge(ContractCostType.ParseWasmTableEntries, r.NTableEntries);
        budget.Charge(ContractCostType.ParseWasmTypes, r.NTypes);
        budget.Charge(ContractCostType.ParseWasmDataSegments, r.NDataSegments);
        budget.Charge(ContractCostType.ParseWasmElemSegments, r.NElemSegments);
        budget.Charge(ContractCostType.ParseWasmImports, r.NImports);
        budget.Charge(ContractCostType.ParseWasmExports, r.NExports);
        budget.Charge(ContractCostType.ParseWasmDataSegmentBytes, r.NDataSegmentBytes);
    }

    /// <summary>
    /// <c>charge_for_instantiation</c>: v0 inputs charge VmCachedInstantiation of the size from
    /// protocol 21, when cached instantiation split VmInstantiation into parse and instantiate
    /// halves (at protocol 20 VmInstantiation covered both: nothing more here); v1 inputs the
    /// InstantiateWasm* types.
    /// </summary>
    public void ChargeForInstantiation(Budget.Budget budget, int protocol)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (Refined is not { } r)
        {
            if (protocol >= 21)
                budget.Charge(ContractCostType.VmCachedInstantiation, (ulong)WasmBytes);
            return;
        }
        budget.Charge(ContractCostType.InstantiateWasmInstructions, null);
        budget.Charge(ContractCostType.InstantiateWasmFunctions, r.NFunctions);
        budget.Charge(ContractCostType.InstantiateWasmGlobals, r.NGlobals);
        budget.Charge(ContractCostType.InstantiateWasmTableEntries, r.NTableEntries);
        budget.Charge(ContractCostType.InstantiateWasmTypes, null);
        budget.Charge(ContractCostType.InstantiateWasmDataSegments, r.NDataSegments);
        budget.Charge(ContractCostType.InstantiateWasmElemSegments, r.NElemSegments);
        budget.Charge(ContractCostType.InstantiateWasmImports, r.NImports);
        budget.Charge(ContractCostType.InstantiateWasmExports, r.NExports);
        budget.Charge(ContractCostType.InstantiateWasmDataSegmentBytes, r.NDataSegmentBytes);
    }

    /// <summary>
    /// <c>wasm_module_memory_cost</c>: the memory the parse would cost, which rent counts as part of
    /// a code entry's size (v0: VmInstantiation's memory model of the size; v1: the ParseWasm* sum).
    /// </summary>
    public static ulong ModuleMemoryCost(Budget.Budget budget, ContractCodeEntry code)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(code);
        if (code.Ext is not ContractCodeEntryExt.V1 v1)
            return budget.MemModel(ContractCostType.VmInstantiation).Evaluate(1, (ulong)code.Code.Length);
        var r = v1.Value.CostInputs;
        ulong sum = 0;
        void Add(ContractCostType t, uint input) => sum = Budget.CostModel.SatAdd(sum, budget.MemModel(t).Evaluate(1, input));
        Add(ContractCostType.ParseWasmInstructions, r.NInstructions);
        Add(ContractCostType.ParseWasmFunctions, r.NFunctions);
        Add(ContractCostType.ParseWasmGlobals, r.NGlobals);
        Add(ContractCostType.ParseWasmTableEntries, r.NTableEntries);
        Add(ContractCostType.ParseWasmTypes, r.NTypes);
        Add(ContractCostType.ParseWasmDataSegments, r.NDataSegments);
        Add(ContractCostType.ParseWasmElemSegments, r.NElemSegments);
        Add(ContractCostType.ParseWasmImports, r.NImports);
        Add(ContractCostType.ParseWasmExports, r.NExports);
        Add(ContractCostType.ParseWasmDataSegmentBytes, r.NDataSegmentBytes);
        return sum;
    }
}
