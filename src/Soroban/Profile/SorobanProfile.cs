using Replay.Wasm;
using Replay.Wasm.Features;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Profile;

/// <summary>
/// The Wasmi configuration Soroban runs contracts under, for each engine generation: its
/// features, fuel prices and validator limits. Facts from rs-soroban-env's
/// <c>get_wasmi_config</c> and <c>load_calibrated_fuel_costs</c>
/// (<c>soroban-env-host/src/budget/wasmi_helper.rs</c>): for Wasmi 0.31 at the commits stellar-core
/// links (e.g. 7eeddd89, b03d2563, both on soroban-wasmi 0.31.1-soroban.20.0.1), for Wasmi 0.36 at
/// 81a4239f ("Pure wasmi 036", soroban-wasmi 0.36.0-soroban.22.0.0), the integration CAP-0060
/// describes, later reverted.
/// </summary>
public static class SorobanProfile
{
    /// <summary>
    /// The features, identical in both generations: <c>wasm_bulk_memory(true)</c>,
    /// <c>wasm_mutable_global(true)</c>, <c>wasm_sign_extension(true)</c>, and explicitly off:
    /// <c>wasm_saturating_float_to_int(false)</c>, <c>wasm_multi_value(false)</c>,
    /// <c>wasm_reference_types(false)</c>, <c>wasm_tail_call(false)</c>, <c>wasm_extended_const(false)</c>,
    /// <c>floats(false)</c>. SIMD is never enabled in Wasmi 0.31. So a float type or instruction
    /// anywhere in a contract is a validation error on the network, and tables are MVP-style
    /// (funcref only, <c>call_indirect</c> on table 0). Soroban additionally rejects a start
    /// function in <c>vm.rs</c>; that is a host rule, not a Wasm feature, so it is not modelled here.
    /// </summary>
    public const WasmFeatures Features = WasmFeatures.MutableGlobal | WasmFeatures.SignExtension | WasmFeatures.BulkMemory;

    /// <summary>
    /// Fuel prices. Wasmi 0.31: the classes as Soroban calibrated them (base 1, entity 3, load 2,
    /// store 1, call 67), fixed in the host since protocol 20. Wasmi 0.36: Wasmi's own defaults,
    /// which Soroban kept (one unit per instruction, the same for every class; compilation per byte
    /// as Wasmi prices it).
    /// </summary>
    public static FuelCosts FuelCosts(EngineGeneration generation) => generation switch
    {
        EngineGeneration.Wasmi031 => Calibrated031,
        EngineGeneration.Wasmi036 => Wasm.Runtime.FuelCosts.Default,
        _ => throw Unknown(generation),
    };

    /// <summary>
    /// Validator limits. Both generations validate with wasmparser 0.100 (<see cref="WasmLimits.Wasmi031"/>);
    /// for Wasmi 0.36 Soroban also turns on <c>EnforcedLimits::strict()</c> except the minimum average
    /// function size (<see cref="WasmiEnforcedLimits.Strict"/>).
    /// </summary>
    public static WasmLimits Limits(EngineGeneration generation) => generation switch
    {
        EngineGeneration.Wasmi031 => WasmLimits.Wasmi031,
        EngineGeneration.Wasmi036 => Wasmi036Limits,
        _ => throw Unknown(generation),
    };

    /// <summary>
    /// The whole configuration: <see cref="Features"/>, fuel metered (<c>consume_fuel(true)</c>), the
    /// generation's prices and limits, in <paramref name="mode"/>. Wasmi 0.31 compiles eagerly only
    /// (Soroban also chose eager consumption, the only fuel mode the stack engine has); under Wasmi 0.36
    /// Soroban compiled eagerly when parsing a module and lazily in its module cache.
    /// </summary>
    public static EngineConfig Config(EngineGeneration generation, CompilationMode mode = CompilationMode.Eager)
    {
        if (generation == EngineGeneration.Wasmi031 && mode != CompilationMode.Eager)
            throw new ArgumentException($"Wasmi 0.31 compiles eagerly only; {mode} is not a configuration Soroban ran it with", nameof(mode));
        return new EngineConfig
        {
            Features = Features,
            Mode = mode,
            ConsumeFuel = true,
            FuelCosts = FuelCosts(generation),
            Limits = Limits(generation),
        };
    }

    private static readonly FuelCosts Calibrated031 = new(Base: 1, Entity: 3, Load: 2, Store: 1, Call: 67);

    private static readonly WasmLimits Wasmi036Limits = WasmLimits.Wasmi031 with { Enforced = WasmiEnforcedLimits.Strict };

    private static ArgumentOutOfRangeException Unknown(EngineGeneration generation) =>
        new(nameof(generation), generation, "not an engine generation Soroban has a configuration for");
}
