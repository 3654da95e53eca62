using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// The engine-independent half of a store: host state, limiter, fuel counter, the
/// function handle registry, signature interning, host functions and creation of memories,
/// tables and globals. Each engine's store derives from it and adds compilation, Wasm
/// function objects and execution.
/// </summary>
public abstract class StoreBase : IStore
{
    private readonly Dictionary<FuncType, int> _signatureIds = [];
    private FunctionSlot[] _functions = new FunctionSlot[16];
    private int _functionCount;
    private HostCaller? _rootCaller;
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

    /// <inheritdoc/>
    public virtual ulong CompilationFuelConsumed => 0;

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

    /// <summary>The caller host functions see when the embedder calls them directly.</summary>
    public HostCaller RootCaller => _rootCaller ??= new HostCaller(this, null);

    /// <summary>
    /// The store's id of a signature: equal for structurally equal types, never 0. Both
    /// engines compare these for call_indirect (see <see cref="ResolveIndirect"/>), and every
    /// function handle carries one.
    /// </summary>
    public int SignatureIdOf(FuncType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!_signatureIds.TryGetValue(type, out int id))
        {
            id = _signatureIds.Count + 1;
            _signatureIds.Add(type, id);
        }
        return id;
    }

    /// <summary>
    /// Registers a function and returns its funcref handle (never 0, which is null).
    /// Engines register every function object they create, so tables can hold any of them.
    /// </summary>
    public ulong RegisterFunction(IFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RegisterFunction(function, SignatureIdOf(function.Type));
    }

    /// <summary>Registers a function whose signature id (<see cref="SignatureIdOf"/> of its type) the caller knows.</summary>
    public ulong RegisterFunction(IFunction function, int signatureId)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (_functionCount == _functions.Length)
            Array.Resize(ref _functions, _functions.Length * 2);
        _functions[_functionCount++] = new FunctionSlot(function, signatureId);
        return (ulong)_functionCount;
    }

    /// <summary>Whether <paramref name="handle"/> is a non-null funcref of this store.</summary>
    public bool IsFunctionHandle(ulong handle) => handle - 1 < (ulong)_functionCount;

    /// <summary>The function behind a non-null funcref handle of this store.</summary>
    public IFunction FunctionOf(ulong handle) =>
        IsFunctionHandle(handle)
            ? _functions[(int)(handle - 1)].Function
            : throw new ArgumentOutOfRangeException(nameof(handle), handle, "not a function handle of this store");

    /// <summary>
    /// call_indirect's lookup, the same on both engines: slot <paramref name="index"/> of
    /// <paramref name="table"/> must exist, be non-null and hold a function whose signature id is
    /// <paramref name="signatureId"/>. Returns the function, or null with the trap to raise.
    /// </summary>
    public IFunction? ResolveIndirect(Table table, uint index, int signatureId, out TrapCode trap)
    {
        ArgumentNullException.ThrowIfNull(table);
        var elements = table.Elements;
        if (index >= (uint)elements.Length)
        {
            trap = TrapCode.TableOutOfBounds;
            return null;
        }
        ulong handle = elements[index];
        if (handle == 0)
        {
            trap = TrapCode.IndirectCallToNull;
            return null;
        }
        ref readonly var slot = ref _functions[(int)(handle - 1)];
        if (slot.SignatureId != signatureId)
        {
            trap = TrapCode.BadSignature;
            return null;
        }
        trap = default;
        return slot.Function;
    }

    public IMemory CreateMemory(MemoryType type) => new LinearMemory(this, type);

    public ITable CreateTable(TableType type, Value initial) => new Table(this, type, initial.Bits);

    public IGlobal CreateGlobal(GlobalType type, Value initial)
    {
        if (initial.Type != type.ValueType)
            throw new ArgumentException($"a {type.ValueType.Name()} global cannot start as a {initial.Type.Name()}", nameof(initial));
        return new GlobalCell(type, initial.Bits);
    }

    public IFunction CreateHostFunction(FuncType type, HostFunc callback, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        return new HostFunctionObject(this, type, callback, name);
    }

    public abstract IInstance Instantiate(ICompiledModule module, IImportResolver imports);
}

/// <summary>A registered function and its signature id, so call_indirect checks a signature without asking the function.</summary>
internal readonly record struct FunctionSlot(IFunction Function, int SignatureId);
