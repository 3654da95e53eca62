using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Soroban's module checks (interface version against the protocol, the Wasm profile, imports,
/// export arity), invocation by name with arity checks, and the fuel/budget exchange, on every
/// engine variant.
/// </summary>
public sealed class VmContractTests
{
    public static TheoryData<string, int> Runs()
    {
        var data = new TheoryData<string, int>();
        foreach (var v in EngineCatalog.Variants)
        {
            foreach (var p in new[] { 20, 22, 23, 26 })
                data.Add(v.Name, p);
        }
        return data;
    }

    private static HostInvocationResult RunWasm(string variant, int protocol, byte[] wasm, string function, params SCVal[] args)
    {
        var ledger = new ContractLedger(protocol);
        var id = ledger.DeployWasm(wasm, "module");
        return ledger.Invoke(EngineCatalog.GetVariant(variant), id, function, args);
    }

    private static void AssertFails(HostInvocationResult r, SCErrorType type, SCErrorCode code)
    {
        Assert.NotNull(r.Error);
        Assert.Equal((type, code), (r.Error.Type, r.Error.Code));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void InterfaceVersionIsCheckedAgainstTheProtocol(string variant, int protocol)
    {
        // The contract's protocol may be older than or equal to the ledger's, with pre-release 0.
        Assert.Null(RunWasm(variant, protocol, ContractBuilder.Build("vm", protocol), "add", new SCVal.U32(1), new SCVal.U32(2)).Error);
        Assert.Null(RunWasm(variant, protocol, ContractBuilder.Build("vm", 20), "add", new SCVal.U32(1), new SCVal.U32(2)).Error);
        // Newer than the ledger: (WasmVm, InvalidInput).
        AssertFails(RunWasm(variant, protocol, ContractBuilder.Build("vm", protocol + 1), "add", new SCVal.U32(1), new SCVal.U32(2)),
            SCErrorType.WasmVm, SCErrorCode.InvalidInput);
        // A pre-release number on an older or the current protocol (released hosts have none): (WasmVm, InvalidInput).
        if (protocol > 20)
        {
            AssertFails(RunWasm(variant, protocol, ContractBuilder.Build("vm", protocol - 1, preRelease: 1), "add", new SCVal.U32(1), new SCVal.U32(2)),
                SCErrorType.WasmVm, SCErrorCode.InvalidInput);
        }
        AssertFails(RunWasm(variant, protocol, ContractBuilder.Build("vm", protocol, preRelease: 1), "add", new SCVal.U32(1), new SCVal.U32(2)),
            SCErrorType.WasmVm, SCErrorCode.InvalidInput);
        // No contractenvmetav0 section: (WasmVm, InvalidInput).
        AssertFails(RunWasm(variant, protocol, ContractBuilder.BuildWithoutMeta("vm"), "add", new SCVal.U32(1), new SCVal.U32(2)),
            SCErrorType.WasmVm, SCErrorCode.InvalidInput);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ModulesOutsideSorobansProfileDoNotRun(string variant, int protocol)
    {
        // Floating point is not in the profile: the module does not validate.
        AssertFails(RunWasm(variant, protocol, ContractBuilder.Build("float", protocol), "half", new SCVal.U32(4)),
            SCErrorType.WasmVm, SCErrorCode.InvalidAction);
        // An import the host does not define fails to link.
        AssertFails(RunWasm(variant, protocol, ContractBuilder.Build("unknown_import", protocol), "call"),
            SCErrorType.WasmVm, SCErrorCode.InvalidAction);
        // An export with more than 32 parameters: Soroban's own check, (WasmVm, InvalidInput); under
        // Wasmi 0.36's strict enforced limits the engine refuses the module first, (WasmVm, InvalidAction).
        var wasmi036 = EngineCatalog.GetVariant(variant).Engine.Generation == Wasm.EngineGeneration.Wasmi036;
        AssertFails(RunWasm(variant, protocol, ContractBuilder.Build("too_many_args", protocol), "wide"),
            SCErrorType.WasmVm, wasmi036 ? SCErrorCode.InvalidAction : SCErrorCode.InvalidInput);
        // A host function of a later protocol than the ledger's: (WasmVm, InvalidAction).
        if (protocol < 26)
        {
            AssertFails(RunWasm(variant, protocol, ContractBuilder.Build("int26", protocol), "checked"),
                SCErrorType.WasmVm, SCErrorCode.InvalidAction);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void FunctionsAreInvokedByNameWithTheirArity(string variant, int protocol)
    {
        var wasm = ContractBuilder.Build("vm", protocol);
        Assert.Equal(5u, Assert.IsType<SCVal.U32>(RunWasm(variant, protocol, wasm, "add", new SCVal.U32(2), new SCVal.U32(3)).ReturnValue).Value);
        // Unknown export: (WasmVm, MissingValue).
        AssertFails(RunWasm(variant, protocol, wasm, "nothing"), SCErrorType.WasmVm, SCErrorCode.MissingValue);
        // The memory export is not a function: (WasmVm, UnexpectedType).
        AssertFails(RunWasm(variant, protocol, wasm, "memory"), SCErrorType.WasmVm, SCErrorCode.UnexpectedType);
        // Too few or too many arguments: Wasmi's signature check (MismatchingParameterLen), (WasmVm, UnexpectedSize).
        AssertFails(RunWasm(variant, protocol, wasm, "add", new SCVal.U32(2)), SCErrorType.WasmVm, SCErrorCode.UnexpectedSize);
        AssertFails(RunWasm(variant, protocol, wasm, "add", new SCVal.U32(2), new SCVal.U32(3), new SCVal.U32(4)), SCErrorType.WasmVm, SCErrorCode.UnexpectedSize);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void FuelIsChargedToTheBudgetAsWasmInsnExec(string variant, int protocol)
    {
        var wasm = ContractBuilder.Build("vm", protocol);
        var small = RunWasm(variant, protocol, wasm, "spin", new SCVal.U32(10));
        var large = RunWasm(variant, protocol, wasm, "spin", new SCVal.U32(10_010));
        Assert.Null(small.Error);
        Assert.Null(large.Error);
        foreach (var r in new[] { small, large })
        {
            // Every unit of fuel the engine consumed is one WasmInsnExec iteration, priced by the cost model.
            var tracker = r.Budget!.Tracker(ContractCostType.WasmInsnExec);
            Assert.Equal(r.Fuel, tracker.Iterations);
            Assert.Equal(r.Fuel * r.Budget.CpuModel(ContractCostType.WasmInsnExec).ConstTerm, tracker.Cpu);
        }
        // 10000 more iterations cost fuel in proportion (the loop body is a handful of instructions).
        var perIteration = (large.Fuel - small.Fuel) / 10_000;
        Assert.True(perIteration >= 3, $"{perIteration} fuel per loop iteration");
        // Instantiation is charged apart from execution and does not depend on the work done.
        Assert.Equal(small.InstantiationCpu, large.InstantiationCpu);
        Assert.True(large.CpuInsns - small.CpuInsns >= 10_000 * perIteration);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void RunningOutOfBudgetInWasmIsABudgetError(string variant, int protocol)
    {
        var ledger = new ContractLedger(protocol) { Instructions = 3_000_000 };
        var id = ledger.DeployWasm(ContractBuilder.Build("vm", protocol), "module");
        var r = ledger.Invoke(EngineCatalog.GetVariant(variant), id, "spin", [new SCVal.U32(10_000_000)]);
        AssertFails(r, SCErrorType.Budget, SCErrorCode.ExceededLimit);
        // The engine ran out of the fuel the remaining budget bought: the budget is (nearly) spent.
        Assert.True(r.CpuInsns > 2_990_000, $"cpu {r.CpuInsns}");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void MemoryGrowthIsChargedAsMemAlloc(string variant, int protocol)
    {
        var wasm = ContractBuilder.Build("vm", protocol);
        var none = RunWasm(variant, protocol, wasm, "grow", new SCVal.U32(0));
        var two = RunWasm(variant, protocol, wasm, "grow", new SCVal.U32(2));
        Assert.Null(none.Error);
        Assert.Null(two.Error);
        // memory.grow returned the old size (2 pages for this module).
        Assert.Equal(2, Assert.IsType<SCVal.I32>(two.ReturnValue).Value);
        var memAlloc = two.Budget!.Tracker(ContractCostType.MemAlloc).Inputs - none.Budget!.Tracker(ContractCostType.MemAlloc).Inputs;
        Assert.Equal(2ul * 65536, memAlloc);
        // Beyond the memory budget (100 MB here): refused, memory.grow gives -1 and the contract goes on.
        var huge = RunWasm(variant, protocol, wasm, "grow", new SCVal.U32(2000));
        Assert.Null(huge.Error);
        Assert.Equal(-1, Assert.IsType<SCVal.I32>(huge.ReturnValue).Value);
    }
}
