using Replay.Wasm.Modules;
using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// The spec's module instantiation, shared by both engines so instantiation can never be
/// the source of a difference between them. Steps, in the order the spec and Wasmi take them:
/// resolve and type-check imports; create tables, memories and globals (initialisers may read
/// imported globals and take function references); exports;  active element segments in order (then dropped, as declarative
/// ones are); active data segments in order (then dropped); finally the start function.
/// A trap in a segment or in the start function leaves what was already written in
/// imported tables and memories, as the spec requires.
/// </summary>
public static class Instantiator
{
    /// <summary>
    /// Creates the engine's function object for a defined function of the instance, when the
    /// instance first needs it (see <see cref="Instance.Function"/>).
    /// </summary>
    public delegate IFunction DefinedFunctionFactory(Instance instance, int functionIndex);

    public static Instance Instantiate(StoreBase store, WasmModule module, IImportResolver imports, DefinedFunctionFactory createFunction)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(imports);
        ArgumentNullException.ThrowIfNull(createFunction);

        var instance = new Instance(store, module, createFunction);
        ResolveImports(instance, module, imports);
        CreateDefinedEntities(store, instance, module);
        AddExports(instance, module);
        InitializeElements(instance, module);
        InitializeData(instance, module);
        if (module.Start is { } start)
            instance.Function((int)start).Call([], []);
        return instance;
    }

    private static void ResolveImports(Instance instance, WasmModule module, IImportResolver imports)
    {
        int func = 0, table = 0, memory = 0, global = 0;
        foreach (var import in module.Imports)
        {
            var actual = ImportMatcher.Resolve(imports, import.Module, import.Name);
            switch (import.Kind)
            {
                case ExternKind.Func:
                    var f = ImportMatcher.Function(actual, module.Types[(int)import.TypeIndex], import.Module, import.Name);
                    RequireSameStore(instance.Store, f, import);
                    if (f is HostFunctionObject host)
                        host.NameAfterImport(import.Module, import.Name);
                    instance.SetImportedFunction(func++, f, HandleOf(instance.Store, f));
                    break;
                case ExternKind.Table:
                    instance.Tables[table++] = RequireOwn<Table>(ImportMatcher.Table(actual, import.Table, import.Module, import.Name), import);
                    break;
                case ExternKind.Memory:
                    instance.Memories[memory++] = RequireOwn<LinearMemory>(ImportMatcher.Memory(actual, import.Memory, import.Module, import.Name), import);
                    break;
                case ExternKind.Global:
                    instance.Globals[global++] = RequireOwn<GlobalCell>(ImportMatcher.Global(actual, import.Global, import.Module, import.Name), import);
                    break;
            }
        }
    }

    private static void CreateDefinedEntities(StoreBase store, Instance instance, WasmModule module)
    {
        for (var i = 0; i < module.Tables.Length; i++)
            instance.Tables[module.ImportedTableCount + i] = new Table(store, module.Tables[i], 0);
        for (var i = 0; i < module.Memories.Length; i++)
            instance.Memories[module.ImportedMemoryCount + i] = new LinearMemory(store, module.Memories[i]);
        for (var i = 0; i < module.Globals.Length; i++)
        {
            var g = module.Globals[i];
            instance.Globals[module.ImportedGlobalCount + i] = new GlobalCell(g.Type, Evaluate(instance, g.Init));
        }
    }

    private static void AddExports(Instance instance, WasmModule module)
    {
        foreach (var e in module.Exports)
        {
            IExternal external = e.Kind switch
            {
                ExternKind.Func => instance.Function((int)e.Index),
                ExternKind.Table => instance.Tables[e.Index],
                ExternKind.Memory => instance.Memories[e.Index],
                _ => instance.Globals[e.Index],
            };
            instance.AddExport(e.Name, external);
        }
    }

    private static void InitializeElements(Instance instance, WasmModule module)
    {
        for (var s = 0; s < module.Elements.Length; s++)
        {
            var segment = module.Elements[s];
            var items = new ulong[segment.Items.Length];
            for (var i = 0; i < items.Length; i++)
                items[i] = Evaluate(instance, segment.Items[i]);
            instance.ElementSegments[s] = items;
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = (uint)Evaluate(instance, segment.OffsetExpr!.Value);
                instance.Tables[segment.TableIndex].Init(offset, items, 0, (uint)items.Length);
            }
            if (segment.Mode != SegmentMode.Passive)
                instance.DropElementSegment((uint)s);
        }
    }

    private static void InitializeData(Instance instance, WasmModule module)
    {
        for (var s = 0; s < module.Data.Length; s++)
        {
            var segment = module.Data[s];
            instance.DataSegments[s] = segment.Data;
            if (segment.Mode != SegmentMode.Active)
                continue;
            var offset = (uint)Evaluate(instance, segment.OffsetExpr!.Value);
            instance.Memories[segment.MemoryIndex].Write(offset, segment.Data.Span);
            instance.DropDataSegment((uint)s);
        }
    }

    /// <summary>Evaluates a validated constant expression to its bits.</summary>
    public static ulong Evaluate(Instance instance, ConstExpr expr)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return expr.Kind switch
        {
            ConstExprKind.I32Const => (uint)expr.I32,
            ConstExprKind.I64Const or ConstExprKind.F32Const or ConstExprKind.F64Const => expr.Bits,
            ConstExprKind.GlobalGet => instance.Globals[expr.Index].Bits,
            ConstExprKind.RefNull => 0,
            ConstExprKind.RefFunc => instance.FunctionHandle((int)expr.Index),
            _ => throw new InvalidOperationException($"constant expression of kind {expr.Kind} reached instantiation: the module was not validated"),
        };
    }

    private static ulong HandleOf(StoreBase store, IFunction f) =>
        f is IHandleFunction h ? h.Handle : store.RegisterFunction(f);

    private static void RequireSameStore(StoreBase store, IFunction f, Import import)
    {
        if (f is IHandleFunction h && !ReferenceEquals(h.Store, store))
            throw new LinkException($"import \"{import.Module}\".\"{import.Name}\" belongs to another store");
    }

    private static T RequireOwn<T>(IExternal actual, Import import) where T : class =>
        actual as T ?? throw new LinkException($"import \"{import.Module}\".\"{import.Name}\" was not created by this engine's store");
}

/// <summary>
/// A function object that knows its store and funcref handle. Engines implement it on
/// their function objects so importing a function reuses its handle (ref equality of
/// funcrefs across instances, as the spec requires).
/// </summary>
public interface IHandleFunction : IFunction
{
    StoreBase Store { get; }

    ulong Handle { get; }
}
