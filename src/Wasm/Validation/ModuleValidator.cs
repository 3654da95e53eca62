using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Modules;
using Replay.Wasm.Types;

namespace Replay.Wasm.Validation;

/// <summary>
/// Validates everything about a module except, optionally, its function bodies: types, limits,
/// index references, constant expressions, exports, the start function, segments and the
/// features each of those needs. Eager engines validate bodies here too; lazy ones pass
/// <c>validateBodies: false</c> and run <see cref="FuncValidator"/> on a body before its first call.
/// </summary>
public static class ModuleValidator
{
    /// <param name="module">A decoded module.</param>
    /// <param name="features">The features to allow.</param>
    /// <param name="validateBodies">Whether to validate every function body too.</param>
    /// <param name="limits">Implementation limits to enforce beyond the spec; none by default.</param>
    public static void Validate(WasmModule module, WasmFeatures features, bool validateBodies, WasmLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        limits ??= WasmLimits.None;
        var v = new Checker(module, features, limits);
        v.CheckLimits();
        v.CheckTypes();
        v.CheckImports();
        v.CheckFunctions();
        v.CheckTables();
        v.CheckMemories();
        v.CheckGlobals();
        v.CheckExports();
        v.CheckStart();
        v.CheckElements();
        v.CheckData();
        if (validateBodies)
        {
            var fv = new FuncValidator { Limits = limits };
            for (int i = 0; i < module.Bodies.Length; i++) fv.Validate(module, module.ImportedFunctionCount + i, features);
        }
    }

    /// <summary>Validates with the features the module was decoded for.</summary>
    public static void Validate(WasmModule module, bool validateBodies, WasmLimits? limits = null) =>
        Validate(module ?? throw new ArgumentNullException(nameof(module)), module.Features, validateBodies, limits);

    private readonly struct Checker(WasmModule module, WasmFeatures features, WasmLimits limits)
    {
        private static WasmValidationException Invalid(string rule, int offset, string? detail = null) =>
            new(rule, offset, -1, detail);

        // Imports, exports, globals, segments and expressions carry their own offsets; types,
        // functions, tables and memories are located by their section, and the detail names the item.
        private int At(SectionId id) => Math.Max(0, module.SectionOffset(id));

        /// <summary>Implementation limits, worded as wasmparser words them.</summary>
        public void CheckLimits()
        {
            CheckCount(module.Types.Length, limits.MaxTypes, "types", At(SectionId.Type));
            CheckCount(module.FunctionCount, limits.MaxFunctions, "functions", At(SectionId.Function));
            CheckCount(module.Exports.Length, limits.MaxExports, "exports", At(SectionId.Export));
            CheckCount(module.GlobalCount, limits.MaxGlobals, "globals", At(SectionId.Global));
            CheckCount(module.Elements.Length, limits.MaxElementSegments, "element segments", At(SectionId.Element));
            CheckCount(Math.Max(module.Data.Length, (long)(module.DataCount ?? 0)), limits.MaxDataSegments, "data segments", At(SectionId.Data));
            foreach (var t in module.Types)
            {
                if ((uint)t.ParamCount > limits.MaxFunctionParams) throw Invalid("function params size is out of bounds", At(SectionId.Type), $"{t.ParamCount} parameters");
                if ((uint)t.ResultCount > limits.MaxFunctionResults) throw Invalid("function returns size is out of bounds", At(SectionId.Type), $"{t.ResultCount} results");
            }
            if (limits.MaxNameBytes != uint.MaxValue)
            {
                foreach (var i in module.Imports)
                {
                    CheckName(i.Module, i.Offset);
                    CheckName(i.Name, i.Offset);
                }
                foreach (var e in module.Exports) CheckName(e.Name, e.Offset);
                foreach (var c in module.CustomSections) CheckName(c.Name, c.Offset);
            }
            for (int i = 0; i < module.TableCount; i++)
                if (module.TableAt(i).Limits.Min > limits.MaxTableEntries)
                    throw Invalid("minimum table size is out of bounds", At(SectionId.Table), $"table {i}");
            foreach (var seg in module.Elements)
                if ((uint)seg.Items.Length > limits.MaxTableEntries)
                    throw Invalid("number of elements is out of bounds", seg.Offset, $"{seg.Items.Length} items");
            if (limits.Enforced is { } enforced) CheckEnforcedLimits(enforced);
        }

        /// <summary>Wasmi's enforced limits, on each section's own entries, in Wasmi's words.</summary>
        private void CheckEnforcedLimits(WasmiEnforcedLimits e)
        {
            foreach (var t in module.Types)
            {
                if ((uint)t.ParamCount > e.MaxParams)
                    throw Invalid($"a function type exceeds the limit of {e.MaxParams} parameters", At(SectionId.Type), t.ToString());
                if ((uint)t.ResultCount > e.MaxResults)
                    throw Invalid($"a function type exceeds the limit of {e.MaxResults} results", At(SectionId.Type), t.ToString());
            }
            int defined = module.FunctionCount - module.ImportedFunctionCount;
            if ((uint)defined > e.MaxFunctions)
                throw Invalid($"the Wasm modules exceeds the limit of {e.MaxFunctions} functions", At(SectionId.Function), $"{defined} functions");
            if ((uint)module.Tables.Length > e.MaxTables)
                throw Invalid($"the Wasm module exceeds the limit of {e.MaxTables} tables", At(SectionId.Table), $"{module.Tables.Length} tables");
            if ((uint)module.Memories.Length > e.MaxMemories)
                throw Invalid($"the Wasm module exceeds the limit of {e.MaxMemories} memories", At(SectionId.Memory), $"{module.Memories.Length} memories");
            if ((uint)module.Globals.Length > e.MaxGlobals)
                throw Invalid($"the Wasm module exceeds the limit of {e.MaxGlobals} global variables", At(SectionId.Global), $"{module.Globals.Length} globals");
            if ((uint)module.Elements.Length > e.MaxElementSegments)
                throw Invalid($"the Wasm module exceeds the limit of {e.MaxElementSegments} active element segments", At(SectionId.Element), $"{module.Elements.Length} segments");
            if (module.DataCount > e.MaxDataSegments || (uint)module.Data.Length > e.MaxDataSegments)
                throw Invalid($"the Wasm module exceeds the limit of {e.MaxDataSegments} active data segments", At(SectionId.Data), $"{module.Data.Length} segments");
        }

        private static void CheckCount(long count, uint max, string what, int offset)
        {
            if (count > max) throw Invalid($"{what} count exceeds limit of {max}", offset, $"{count} {what}");
        }

        private void CheckName(string name, int offset)
        {
            int bytes = System.Text.Encoding.UTF8.GetByteCount(name);
            if ((uint)bytes > limits.MaxNameBytes) throw Invalid("string size out of bounds", offset, $"a name of {bytes} bytes");
        }

        public void CheckTypes()
        {
            for (int i = 0; i < module.Types.Length; i++)
            {
                var t = module.Types[i];
                foreach (var p in t.Params) CheckValType(p, $"type {i}", At(SectionId.Type));
                foreach (var r in t.Results) CheckValType(r, $"type {i}", At(SectionId.Type));
                if (t.ResultCount > 1 && !features.Has(WasmFeatures.MultiValue))
                    throw Invalid("multi-value support is not enabled", At(SectionId.Type), $"type {i} has {t.ResultCount} results");
            }
        }

        public void CheckImports()
        {
            foreach (var import in module.Imports)
            {
                string what = $"import {import.Module}.{import.Name}";
                switch (import.Kind)
                {
                    case ExternKind.Func:
                        CheckTypeIndex(import.TypeIndex, what, import.Offset);
                        break;
                    case ExternKind.Table:
                        CheckTableType(import.Table, what, import.Offset);
                        break;
                    case ExternKind.Memory:
                        CheckMemoryType(import.Memory, what, import.Offset);
                        break;
                    case ExternKind.Global:
                        CheckValType(import.Global.ValueType, what, import.Offset);
                        if (import.Global.Mutable && !features.Has(WasmFeatures.MutableGlobal))
                            throw Invalid("mutable global support is not enabled", import.Offset, what);
                        break;
                }
            }
        }

        public void CheckFunctions()
        {
            var indices = module.FunctionTypeIndices;
            // Lazy compilation pays this per function on every compile: the message is built
            // only for the failing index, never for the thousands that pass.
            uint typeCount = (uint)module.Types.Length;
            for (int f = module.ImportedFunctionCount; f < indices.Length; f++)
            {
                if (indices[f] >= typeCount)
                    CheckTypeIndex(indices[f], $"function {f}", At(SectionId.Function));
            }
        }

        public void CheckTables()
        {
            if (module.TableCount > 1 && !features.Has(WasmFeatures.ReferenceTypes))
                throw Invalid("multiple tables", At(SectionId.Table), $"{module.TableCount} tables");
            for (int i = 0; i < module.Tables.Length; i++)
                CheckTableType(module.Tables[i], $"table {module.ImportedTableCount + i}", At(SectionId.Table));
        }

        public void CheckMemories()
        {
            // Multi-memory is not a feature we support, under any profile.
            if (module.MemoryCount > 1) throw Invalid("multiple memories", At(SectionId.Memory), $"{module.MemoryCount} memories");
            for (int i = 0; i < module.Memories.Length; i++)
                CheckMemoryType(module.Memories[i], $"memory {module.ImportedMemoryCount + i}", At(SectionId.Memory));
        }

        public void CheckGlobals()
        {
            for (int i = 0; i < module.Globals.Length; i++)
            {
                var g = module.Globals[i];
                CheckValType(g.Type.ValueType, $"global {module.ImportedGlobalCount + i}", g.Offset);
                CheckConstExpr(g.Init, g.Type.ValueType);
            }
        }

        public void CheckExports()
        {
            var names = new HashSet<string>(module.Exports.Length, StringComparer.Ordinal);
            foreach (var e in module.Exports)
            {
                if (!names.Add(e.Name)) throw Invalid("duplicate export name", e.Offset, $"\"{e.Name}\"");
                switch (e.Kind)
                {
                    case ExternKind.Func:
                        if (e.Index >= (uint)module.FunctionCount) throw Invalid("unknown function", e.Offset, $"export \"{e.Name}\" of function {e.Index}");
                        break;
                    case ExternKind.Table:
                        if (e.Index >= (uint)module.TableCount) throw Invalid("unknown table", e.Offset, $"export \"{e.Name}\" of table {e.Index}");
                        break;
                    case ExternKind.Memory:
                        if (e.Index >= (uint)module.MemoryCount) throw Invalid("unknown memory", e.Offset, $"export \"{e.Name}\" of memory {e.Index}");
                        break;
                    case ExternKind.Global:
                        if (e.Index >= (uint)module.GlobalCount) throw Invalid("unknown global", e.Offset, $"export \"{e.Name}\" of global {e.Index}");
                        if (module.GlobalAt((int)e.Index).Mutable && !features.Has(WasmFeatures.MutableGlobal))
                            throw Invalid("mutable global support is not enabled", e.Offset, $"export \"{e.Name}\"");
                        break;
                }
            }
        }

        public void CheckStart()
        {
            if (module.Start is not { } start) return;
            if (start >= (uint)module.FunctionCount) throw Invalid("unknown function", At(SectionId.Start), $"start function {start}");
            var type = module.FuncTypeOf((int)start);
            if (type.ParamCount != 0 || type.ResultCount != 0)
                throw Invalid("start function", At(SectionId.Start), $"function {start} has type {type}, expected [] -> []");
        }

        public void CheckElements()
        {
            for (int i = 0; i < module.Elements.Length; i++)
            {
                var seg = module.Elements[i];
                // Passive and declarative segments came with bulk memory. Like wasmparser 0.100 (Wasmi's
                // validator), the other post-MVP encodings of active segments need no feature of their
                // own; their items are checked below.
                if (seg.Mode != SegmentMode.Active && !features.Has(WasmFeatures.BulkMemory))
                    throw Invalid("bulk memory support is not enabled", seg.Offset, $"{(seg.Mode == SegmentMode.Passive ? "passive" : "declarative")} element segment {i}");
                CheckElementType(seg.ElementType, $"element segment {i}", seg.Offset);
                if (seg.Mode == SegmentMode.Active)
                {
                    if (seg.TableIndex >= (uint)module.TableCount)
                        throw Invalid("unknown table", seg.Offset, $"element segment {i} targets table {seg.TableIndex}");
                    var table = module.TableAt((int)seg.TableIndex);
                    if (table.ElementType != seg.ElementType)
                        throw Invalid("type mismatch", seg.Offset, $"element segment {i} of {seg.ElementType.Name()} into table of {table.ElementType.Name()}");
                    CheckConstExpr(seg.OffsetExpr!.Value, ValType.I32);
                }
                foreach (var item in seg.Items)
                {
                    if (seg.UsesExpressions)
                    {
                        CheckConstExpr(item, seg.ElementType);
                    }
                    else if (item.Index >= (uint)module.FunctionCount)
                    {
                        // A plain function index: MVP, no feature needed.
                        throw Invalid("unknown function", item.Offset, $"function {item.Index}");
                    }
                }
            }
        }

        public void CheckData()
        {
            if (module.DataCount is not null && !features.Has(WasmFeatures.BulkMemory))
                throw Invalid("bulk memory support is not enabled", At(SectionId.DataCount), "data count section");
            for (int i = 0; i < module.Data.Length; i++)
            {
                var seg = module.Data[i];
                if (seg.Mode == SegmentMode.Passive && !features.Has(WasmFeatures.BulkMemory))
                    throw Invalid("bulk memory support is not enabled", seg.Offset, $"passive data segment {i}");
                if (seg.Mode == SegmentMode.Active)
                {
                    if (seg.MemoryIndex >= (uint)module.MemoryCount)
                        throw Invalid("unknown memory", seg.Offset, $"data segment {i} targets memory {seg.MemoryIndex}");
                    CheckConstExpr(seg.OffsetExpr!.Value, ValType.I32);
                }
            }
        }

        private void CheckConstExpr(ConstExpr e, ValType expected)
        {
            ValType actual;
            switch (e.Kind)
            {
                case ConstExprKind.NonConstant:
                    throw Invalid("constant expression required", e.FaultOffset);
                case ConstExprKind.WrongArity:
                    throw Invalid("type mismatch", e.FaultOffset, "a constant expression must produce exactly one value");
                case ConstExprKind.F32Const or ConstExprKind.F64Const when !features.Has(WasmFeatures.Floats):
                    throw Invalid("floating-point instruction disallowed", e.Offset, "the profile has no floats");
                // Expression items are checked as instructions are (as wasmparser 0.100 does), so
                // ref.null and ref.func need reference types even in an element segment: under the
                // Soroban profile only the function-index encodings are usable.
                case ConstExprKind.RefNull or ConstExprKind.RefFunc when !features.Has(WasmFeatures.ReferenceTypes):
                    throw Invalid("reference types support is not enabled", e.Offset);
                case ConstExprKind.GlobalGet:
                    // Only imported globals are in scope, and only immutable ones are constant.
                    if (e.Index >= (uint)module.ImportedGlobalCount)
                        throw Invalid("unknown global", e.Offset, $"global {e.Index} (constant expressions see imported globals only)");
                    var g = module.GlobalAt((int)e.Index);
                    if (g.Mutable) throw Invalid("constant expression required", e.Offset, $"global {e.Index} is mutable");
                    actual = g.ValueType;
                    break;
                case ConstExprKind.RefFunc:
                    if (e.Index >= (uint)module.FunctionCount) throw Invalid("unknown function", e.Offset, $"function {e.Index}");
                    actual = ValType.FuncRef;
                    break;
                case ConstExprKind.RefNull:
                    CheckValType(e.RefType, "ref.null", e.Offset);
                    actual = e.RefType;
                    break;
                default:
                    actual = e.ConstType;
                    break;
            }
            if (actual != expected)
                throw Invalid("type mismatch", e.Offset, $"constant expression of {actual.Name()}, expected {expected.Name()}");
        }

        private void CheckTypeIndex(uint index, string what, int offset)
        {
            if (index >= (uint)module.Types.Length) throw Invalid("unknown type", offset, $"{what} uses type {index}");
        }

        private void CheckValType(ValType type, string what, int offset)
        {
            var rule = FeatureRules.CheckValType(type, features);
            if (rule is not null) throw Invalid(rule, offset, $"{type.Name()} in {what}");
        }

        /// <summary>funcref tables and segments are MVP; only other element types need reference types.</summary>
        private void CheckElementType(ValType type, string what, int offset)
        {
            if (type != ValType.FuncRef) CheckValType(type, what, offset);
        }

        private void CheckTableType(TableType table, string what, int offset)
        {
            CheckElementType(table.ElementType, what, offset);
            if (table.Limits.Max is { } max && table.Limits.Min > max)
                throw Invalid("size minimum must not be greater than maximum", offset, $"{what} {table.Limits}");
        }

        private static void CheckMemoryType(MemoryType memory, string what, int offset)
        {
            var limits = memory.Limits;
            if (limits.Min > MemoryType.MaxPages || limits.Max > MemoryType.MaxPages)
                throw Invalid("memory size must be at most 65536 pages (4GiB)", offset, $"{what} {limits}");
            if (limits.Max is { } max && limits.Min > max)
                throw Invalid("size minimum must not be greater than maximum", offset, $"{what} {limits}");
        }
    }
}
