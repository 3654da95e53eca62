using System.Runtime.CompilerServices;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Budget;

/// <summary>
/// The host's CPU-instruction and memory-byte budget (fact: soroban-env-host/src/budget.rs,
/// budget/dimension.rs). Every charge evaluates each dimension's <see cref="CostModel"/> for a
/// <see cref="ContractCostType"/>, adds it to the running total and fails with
/// (Budget, ExceededLimit) once a total passes its limit. In shadow mode charges go to separate
/// shadow totals that never affect the real ones (the reference's <c>with_shadow_mode</c>, used
/// for unmetered diagnostics work).
/// </summary>
public sealed class Budget
{
    /// <summary>Default depth limit of nested host work (budget/limits.rs DEFAULT_HOST_DEPTH_LIMIT).</summary>
    public const uint DefaultDepthLimit = 100;

    private readonly CostModel[] _cpu;
    private readonly CostModel[] _mem;
    private readonly CostTracker[] _trackers;
    private bool _shadow;
    private uint _depthLimit = DefaultDepthLimit;

    // The v21 host (protocols 20 and 21) evaluates a bulk charge per iteration (CostModel.EvaluatePerIteration).
    private readonly bool _perIteration;

    private Budget(CostModel[] cpu, CostModel[] mem, ulong cpuLimit, ulong memLimit, bool perIteration = false)
    {
        _perIteration = perIteration;
        _cpu = cpu;
        _mem = mem;
        _trackers = new CostTracker[cpu.Length];
        _cpuDim = new Dimension(cpuLimit);
        _memDim = new Dimension(memLimit);
    }

    private readonly Dimension _cpuDim;
    private readonly Dimension _memDim;

    public ulong CpuLimit => _cpuDim.Limit;
    public ulong MemLimit => _memDim.Limit;
    public ulong CpuConsumed => _cpuDim.Total;
    public ulong MemConsumed => _memDim.Total;
    public ulong CpuShadowLimit { get => _cpuDim.ShadowLimit; set => _cpuDim.ShadowLimit = value; }
    public ulong MemShadowLimit { get => _memDim.ShadowLimit; set => _memDim.ShadowLimit = value; }
    public ulong CpuShadowConsumed => _cpuDim.ShadowTotal;
    public ulong MemShadowConsumed => _memDim.ShadowTotal;
    public ulong CpuRemaining => CpuLimit > CpuConsumed ? CpuLimit - CpuConsumed : 0;
    public ulong MemRemaining => MemLimit > MemConsumed ? MemLimit - MemConsumed : 0;
    public bool InShadowMode => _shadow;

    /// <summary>Number of cost types the budget models (the linked host's ContractCostType count).</summary>
    public int CostTypeCount => _cpu.Length;

    /// <summary>Per-type totals (iterations, inputs, cpu, mem) outside shadow mode.</summary>
    public CostTracker Tracker(ContractCostType type) =>
        (int)type < _trackers.Length ? _trackers[(int)type] : throw BudgetInternal();

    /// <summary>
    /// How many cost types the host linked for a ledger protocol knows: p20/p21 → host v21: 45;
    /// p22-p24: 70; p25: 85; p26 on: 86 (count of ContractCostType variants in each linked
    /// rs-soroban-env commit's budget.rs).
    /// </summary>
    public static int HostCostTypeCount(int protocol) => protocol switch
    {
        <= 21 => 45,
        <= 24 => 70,
        25 => 85,
        _ => 86,
    };

    /// <summary>
    /// A budget from network config (ContractCostParams for cpu and memory). As the reference's
    /// <c>BudgetDimension::try_from_config</c>: entry i sets type i's model; a list longer than the
    /// host's cost types fails with (Budget, InternalError); a negative term fails with
    /// (Context, InvalidInput); types past a shorter list keep a zero model.
    /// </summary>
    public static Budget FromConfig(int protocol, ulong cpuLimit, ulong memLimit,
        IReadOnlyList<ContractCostParamEntry> cpuParams, IReadOnlyList<ContractCostParamEntry> memParams)
    {
        var n = HostCostTypeCount(protocol);
        return new Budget(Models(cpuParams, n), Models(memParams, n), cpuLimit, memLimit, perIteration: protocol <= 21);
    }

    /// <summary>
    /// Models already built from a params list, by the list (cases of one ledger range share their
    /// network's list) and the host's cost-type count. Models are immutable; a budget per
    /// invocation, its module-cache budget and its fee budget had each built their own.
    /// </summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<ContractCostParamEntry>, ModelsByCount> s_models = new();

    private sealed class ModelsByCount
    {
        private readonly CostModel[]?[] _byCount = new CostModel[]?[HostCostTypeCount(int.MaxValue) + 1];

        public CostModel[] For(IReadOnlyList<ContractCostParamEntry> entries, int n)
        {
            if (n >= _byCount.Length)
                return Build(entries, n);
            return Volatile.Read(ref _byCount[n]) ?? (_byCount[n] = Build(entries, n));
        }
    }

    private static CostModel[] Models(IReadOnlyList<ContractCostParamEntry> entries, int n) =>
        s_models.GetValue(entries, _ => new ModelsByCount()).For(entries, n);

    private static CostModel[] Build(IReadOnlyList<ContractCostParamEntry> entries, int n)
    {
        var models = new CostModel[n];
        for (var i = 0; i < entries.Count; i++)
        {
            if (i >= n)
                throw new HostError(SCErrorType.Budget, SCErrorCode.InternalError,
                    $"cost params have {entries.Count} entries, the host knows {n} cost types");
            var e = entries[i];
            if (e.ConstTerm < 0 || e.LinearTerm < 0)
                throw new HostError(SCErrorType.Context, SCErrorCode.InvalidInput,
                    $"cost param {i} has a negative term");
            models[i] = new CostModel((ulong)e.ConstTerm, (ulong)e.LinearTerm);
        }
        return models;
    }

    /// <summary>The reference host v22's default budget (<see cref="DefaultCostParams"/>), as its observation tests use.</summary>
    public static Budget HostDefaultV22() => HostDefault(DefaultCostParams.V22);

    /// <summary>The default budget of the reference's Wasmi 0.36 host (f0bc81b8; <see cref="DefaultCostParams.V22Wasmi036"/>).</summary>
    public static Budget HostDefaultV22Wasmi036() => HostDefault(DefaultCostParams.V22Wasmi036);

    /// <summary>A reference host's default budget from one of the <see cref="DefaultCostParams"/> tables (default limits).</summary>
    public static Budget HostDefault(IReadOnlyList<DefaultCostParams.Entry> table)
    {
        var cpu = new CostModel[table.Count];
        var mem = new CostModel[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            cpu[i] = new CostModel(table[i].CpuConst, table[i].CpuLinear);
            mem[i] = new CostModel(table[i].MemConst, table[i].MemLinear);
        }
        return new Budget(cpu, mem, DefaultCostParams.CpuLimit, DefaultCostParams.MemLimit);
    }

    /// <summary>The cost model of a type in one dimension.</summary>
    public CostModel CpuModel(ContractCostType type) => (int)type < _cpu.Length ? _cpu[(int)type] : throw BudgetInternal();
    public CostModel MemModel(ContractCostType type) => (int)type < _mem.Length ? _mem[(int)type] : throw BudgetInternal();

    /// <summary>Charges one iteration of a cost type. <paramref name="input"/> is given exactly for types with a linear input.</summary>
    public void Charge(ContractCostType type, ulong? input) => BulkCharge(type, 1, input);

    /// <summary>Charges <paramref name="iterations"/> iterations (fact: BudgetImpl::charge).</summary>
    public void BulkCharge(ContractCostType type, ulong iterations, ulong? input)
    {
        var i = (int)type;
        if ((uint)i >= (uint)_cpu.Length)
            throw BudgetInternal();
        ref var tracker = ref _trackers[i];
        if (!_shadow)
        {
            if (CostTypes.TakesInput(type) != input.HasValue)
                throw BudgetInternal();
            tracker.Iterations = CostModel.SatAdd(tracker.Iterations, iterations);
            if (input is { } x)
                tracker.Inputs = CostModel.SatAdd(tracker.Inputs, CostModel.SatMul(x, iterations));
        }
        var cpu = _perIteration ? _cpu[i].EvaluatePerIteration(iterations, input) : _cpu[i].Evaluate(iterations, input);
        if (!_shadow)
            tracker.Cpu = CostModel.SatAdd(tracker.Cpu, cpu);
        _cpuDim.Add(cpu, _shadow);
        var mem = _perIteration ? _mem[i].EvaluatePerIteration(iterations, input) : _mem[i].Evaluate(iterations, input);
        if (!_shadow)
            tracker.Mem = CostModel.SatAdd(tracker.Mem, mem);
        _memDim.Add(mem, _shadow);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in shadow mode: its charges go to the shadow totals, and any
    /// error inside it (budget or otherwise) is swallowed, as the reference's
    /// <c>Budget::with_shadow_mode</c> does. The work is skipped when the shadow budget is
    /// already exhausted.
    /// </summary>
    public void WithShadowMode(Action work)
    {
        var prev = _shadow;
        _shadow = true;
        try
        {
            if (CpuShadowConsumed <= CpuShadowLimit && MemShadowConsumed <= MemShadowLimit)
            {
                try
                {
                    work();
                }
                catch (HostError)
                {
                    // Shadow work never fails the caller.
                }
            }
        }
        finally
        {
            _shadow = prev;
        }
    }

    /// <summary>
    /// <c>with_observable_shadow_mode</c>: <paramref name="work"/> charges the shadow totals, and
    /// its result or error is the caller's; with the shadow budget already exhausted it fails with
    /// (Budget, ExceededLimit) without running.
    /// </summary>
    public T WithObservableShadowMode<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var prev = _shadow;
        _shadow = true;
        try
        {
            if (CpuShadowConsumed > CpuShadowLimit || MemShadowConsumed > MemShadowLimit)
                throw new HostError(SCErrorType.Budget, SCErrorCode.ExceededLimit, "shadow budget exceeded");
            return work();
        }
        finally
        {
            _shadow = prev;
        }
    }

    /// <summary>
    /// Zeroes every total, shadow total and tracker and restores the depth limit, keeping models
    /// and limits (the reference's <c>reset_default</c> when the budget already has the default
    /// parameters, as its tests use it).
    /// </summary>
    public void ResetConsumption()
    {
        _cpuDim.Total = _cpuDim.ShadowTotal = _memDim.Total = _memDim.ShadowTotal = 0;
        Array.Clear(_trackers);
        _depthLimit = DefaultDepthLimit;
        _shadow = false;
    }

    /// <summary>
    /// Resets the cpu dimension to a new limit with zero totals (<c>BudgetDimension::reset</c>;
    /// the reference's <c>reset_unlimited_cpu</c> passes u64::MAX).
    /// </summary>
    public void ResetCpu(ulong limit)
    {
        _cpuDim.Limit = _cpuDim.ShadowLimit = limit;
        _cpuDim.Total = _cpuDim.ShadowTotal = 0;
    }

    /// <summary>Resets the memory dimension to a new limit with zero totals.</summary>
    public void ResetMem(ulong limit)
    {
        _memDim.Limit = _memDim.ShadowLimit = limit;
        _memDim.Total = _memDim.ShadowTotal = 0;
    }

    /// <summary>Enters one level of nested host work; past the limit fails with (Context, ExceededLimit).</summary>
    public void EnterDepth()
    {
        if (_depthLimit == 0)
            throw new HostError(SCErrorType.Context, SCErrorCode.ExceededLimit, "host depth limit exceeded");
        _depthLimit--;
    }

    public void LeaveDepth() => _depthLimit++;

    /// <summary>Wasmi fuel the remaining cpu budget buys: remaining / max(1, WasmInsnExec const).</summary>
    public ulong WasmFuelRemaining => CpuRemaining / Math.Max(1, _cpu[(int)ContractCostType.WasmInsnExec].ConstTerm);

    /// <summary>One budget dimension (budget/dimension.rs): a running total and its limit, and the shadow pair.</summary>
    private sealed class Dimension(ulong limit)
    {
        public ulong Limit { get; set; } = limit;
        public ulong Total { get; set; }
        public ulong ShadowLimit { get; set; } = limit;
        public ulong ShadowTotal { get; set; }

        /// <summary>Adds a charge (saturating), then fails with (Budget, ExceededLimit) when past the limit.</summary>
        public void Add(ulong amount, bool shadow)
        {
            if (shadow)
            {
                ShadowTotal = CostModel.SatAdd(ShadowTotal, amount);
                if (ShadowTotal > ShadowLimit)
                    throw Exceeded();
            }
            else
            {
                Total = CostModel.SatAdd(Total, amount);
                if (Total > Limit)
                    throw Exceeded();
            }
        }
    }

    private static HostError Exceeded() =>
        new(SCErrorType.Budget, SCErrorCode.ExceededLimit, "budget exceeded");

    private static HostError BudgetInternal() =>
        new(SCErrorType.Budget, SCErrorCode.InternalError, "cost type charged with an unexpected input or unknown to this host");
}

/// <summary>Running totals of one cost type.</summary>
public struct CostTracker
{
    public ulong Iterations;
    public ulong Inputs;
    public ulong Cpu;
    public ulong Mem;
}

/// <summary>Facts about cost types.</summary>
public static class CostTypes
{
    /// <summary>
    /// Whether a cost type is charged with a linear input (fact: budget.rs, BudgetTracker::default
    /// <c>init_input()</c> arms at rs-soroban-env b03d2563; charging a type with the wrong
    /// input shape is (Budget, InternalError)).
    /// </summary>
    public static bool TakesInput(ContractCostType type) => type switch
    {
        ContractCostType.MemAlloc or ContractCostType.MemCpy or ContractCostType.MemCmp
            or ContractCostType.ValSer or ContractCostType.ValDeser or ContractCostType.ComputeSha256Hash
            or ContractCostType.VerifyEd25519Sig or ContractCostType.VmInstantiation
            or ContractCostType.VmCachedInstantiation or ContractCostType.ComputeKeccak256Hash
            or ContractCostType.ChaCha20DrawBytes
            or ContractCostType.ParseWasmInstructions or ContractCostType.ParseWasmFunctions
            or ContractCostType.ParseWasmGlobals or ContractCostType.ParseWasmTableEntries
            or ContractCostType.ParseWasmTypes or ContractCostType.ParseWasmDataSegments
            or ContractCostType.ParseWasmElemSegments or ContractCostType.ParseWasmImports
            or ContractCostType.ParseWasmExports or ContractCostType.ParseWasmDataSegmentBytes
            or ContractCostType.InstantiateWasmFunctions or ContractCostType.InstantiateWasmGlobals
            or ContractCostType.InstantiateWasmTableEntries or ContractCostType.InstantiateWasmDataSegments
            or ContractCostType.InstantiateWasmElemSegments or ContractCostType.InstantiateWasmImports
            or ContractCostType.InstantiateWasmExports or ContractCostType.InstantiateWasmDataSegmentBytes
            or ContractCostType.Bls12381G1Msm or ContractCostType.Bls12381HashToG1
            or ContractCostType.Bls12381G2Msm or ContractCostType.Bls12381HashToG2
            or ContractCostType.Bls12381Pairing or ContractCostType.Bls12381FrPow
            or ContractCostType.Bn254G1Msm or ContractCostType.Bn254Pairing or ContractCostType.Bn254FrPow => true,
        _ => false,
    };
}
