using Replay.Engine.Stack.Execution;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Runtime;

/// <summary>The stack engine's store: Wasm function objects and execution stacks.</summary>
internal sealed class StackStore : StoreBase
{
    private readonly Stack<ExecutionStack> _freeStacks = new();

    public StackStore(StackEngine engine, object? hostState)
        : base(engine, hostState)
    {
        var limits = engine.Config.StackLimits;
        MaxValueCells = limits.MaxValueStackCells;
        MaxCallDepth = limits.MaxCallDepth;
        MeterFuel = engine.Config.ConsumeFuel;
    }

    public int MaxValueCells { get; }

    public int MaxCallDepth { get; }

    public bool MeterFuel { get; }

    /// <summary>
    /// A value and frame stack for one call from the embedder. Each such call gets its own, as in
    /// Wasmi, so a host function that calls back into Wasm starts with the full limits again.
    /// </summary>
    public ExecutionStack RentStack() => _freeStacks.TryPop(out var stack) ? stack : new ExecutionStack(MaxValueCells, MaxCallDepth);

    public void ReturnStack(ExecutionStack stack)
    {
        stack.Reset();
        _freeStacks.Push(stack);
    }

    public override IInstance Instantiate(ICompiledModule module, IImportResolver imports)
    {
        if (module is not StackModule compiled || !ReferenceEquals(compiled.Engine, Engine))
            throw new ArgumentException("the module was not compiled by this store's engine", nameof(module));
        InstanceContext? context = null;
        return Instantiator.Instantiate(this, compiled.Module, imports, (instance, index) =>
        {
            context ??= new InstanceContext(this, instance, compiled);
            return new WasmFunction(context, index);
        });
    }
}
