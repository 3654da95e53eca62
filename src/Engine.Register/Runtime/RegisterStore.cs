using Replay.Engine.Register.Execution;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Runtime;

/// <summary>The register engine's store: shared runtime objects plus this engine's executor and growth prices.</summary>
internal sealed class RegisterStore : StoreBase, IGrowthFuel
{
    private Executor? _executor;

    public RegisterStore(RegisterEngine engine, object? hostState) : base(engine, hostState)
    {
        Config = engine.Config;
    }

    public EngineConfig Config { get; }

    /// <summary>Created on first call: the register stack is large.</summary>
    public Executor Executor => _executor ??= new Executor(this);

    public override IInstance Instantiate(ICompiledModule module, IImportResolver imports)
    {
        if (module is not RegisterModule compiled)
            throw new ArgumentException("module was compiled by another engine", nameof(module));
        return Instantiator.Instantiate(this, compiled.Module, imports,
            (instance, index) => new WasmFunction(this, instance, compiled.EntryOf(index), compiled.Module.FuncTypeOf(index), index));
    }

    private ulong _compilationFuel;

    /// <summary>Fuel charged by <see cref="TryChargeCompilation"/> since the store was created.</summary>
    public override ulong CompilationFuelConsumed => _compilationFuel;

    /// <summary>Takes first-call compilation fuel (<see cref="TryCharge"/>), counting it apart.</summary>
    public bool TryChargeCompilation(ulong amount)
    {
        if (!TryCharge(amount))
            return false;
        if (Config.ConsumeFuel)
            _compilationFuel += amount;
        return true;
    }

    /// <summary>
    /// Takes <paramref name="amount"/> fuel if there is that much. Used for first-call
    /// compilation and bulk operations, which Wasmi charges only when they can be paid.
    /// </summary>
    public bool TryCharge(ulong amount)
    {
        if (!Config.ConsumeFuel)
            return true;
        if (RemainingFuel < amount)
            return false;
        RemainingFuel -= amount;
        return true;
    }

    // Wasmi 0.32+ prices memory growth per 64 bytes and table growth per 8 elements (as
    // register copies), and traps when fuel cannot pay.
    public GrowthCharge ChargeMemoryGrowth(ulong additionalBytes) =>
        TryCharge(additionalBytes / 64) ? GrowthCharge.Charged : GrowthCharge.OutOfFuel;

    public GrowthCharge ChargeTableGrowth(uint additionalElements) =>
        TryCharge(additionalElements / Translation.FuncBuilder.CopiesPerFuel) ? GrowthCharge.Charged : GrowthCharge.OutOfFuel;
}
