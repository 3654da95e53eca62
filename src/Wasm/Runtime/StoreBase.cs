using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// The engine-independent half of a store: host state, limiter, fuel counter, the
/// function handle registry and creation of memories, tables and globals. Each engine's
/// store derives from it and adds compilation, function objects and execution.
/// </summary>
public abstract class StoreBase : IStore
{
    private readonly List<IFunction> _functions = [];
    private ulong _fuelAtLastSet;
    private ulong _consumedBeforeLastSet;

    /// <summary>
    /// Fuel left. Interpreters keep it in a local while running and write it back here at
    /// calls, returns and traps; everything else goes through <see cref="Fuel"/>.
    /// </summary>
    public ulong RemainingFuel;

    protected StoreBase(IEngine engine, object? hostState)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        HostState = hostState;
    }

    public IEngine Engine { get; }

    public object? HostState { get; }

    public IResourceLimiter? Limiter { get; set; }

    public bool ConsumesFuel => Engine.Config.ConsumeFuel;

    public ulong Fuel
    {
        get
        {
            RequireFuelMetering();
            return RemainingFuel;
        }
        set
        {
            RequireFuelMetering();
            _consumedBeforeLastSet = FuelConsumed;
            _fuelAtLastSet = value;
            RemainingFuel = value;
        }
    }

    public ulong FuelConsumed
    {
        get
        {
            RequireFuelMetering();
            return _consumedBeforeLastSet + (_fuelAtLastSet - RemainingFuel);
        }
    }

    public void ResetFuelConsumed()
    {
        RequireFuelMetering();
        _consumedBeforeLastSet = 0;
        _fuelAtLastSet = RemainingFuel;
    }

    private void RequireFuelMetering()
    {
        if (!ConsumesFuel)
            throw new InvalidOperationException("fuel metering is disabled in this engine's configuration");
    }

    /// <summary>
    /// Registers a function and returns its funcref handle (never 0, which is null).
    /// Engines register every function object they create, so tables can hold any of them.
    /// </summary>
    public ulong RegisterFunction(IFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _functions.Add(function);
        return (ulong)_functions.Count;
    }

    /// <summary>The function behind a non-null funcref handle of this store.</summary>
    public IFunction FunctionOf(ulong handle) =>
        handle - 1 < (ulong)_functions.Count
            ? _functions[(int)(handle - 1)]
            : throw new ArgumentOutOfRangeException(nameof(handle), handle, "not a function handle of this store");

    public IMemory CreateMemory(MemoryType type) => new LinearMemory(this, type);

    public ITable CreateTable(TableType type, Value initial) => new Table(this, type, initial.Bits);

    public IGlobal CreateGlobal(GlobalType type, Value initial)
    {
        if (initial.Type != type.ValueType)
            throw new ArgumentException($"a {type.ValueType.Name()} global cannot start as a {initial.Type.Name()}", nameof(initial));
        return new GlobalCell(type, initial.Bits);
    }

    public abstract IFunction CreateHostFunction(FuncType type, HostFunc callback);

    public abstract IInstance Instantiate(ICompiledModule module, IImportResolver imports);
}
