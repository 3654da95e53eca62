using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;
using static Replay.Diff.Tests.Outcomes;

namespace Replay.Diff.Tests;

public sealed class EngineComparisonTests
{
    [Fact]
    public void Same_outcome_and_costs_is_identical()
    {
        var c = OutcomeComparer.CompareEngines(Success(Stack), Success(Register));
        Assert.Equal(EnginesVerdict.Identical, c.Verdict);
        Assert.Null(c.Class);
        Assert.Null(c.Difference);
        Assert.True(c.Costs.IsZero);
        Assert.Equal(("stack/Eager", "register/Lazy"), (c.First, c.Second));
    }

    [Fact]
    public void Same_outcome_at_another_cost_is_cost_only_with_signed_deltas_split_into_instantiation_and_execution()
    {
        var b = Success(Register, cpu: 900, mem: 2100, fuel: 45) with { Instantiation = new ResourceUse(450, 850, 7) };
        var c = OutcomeComparer.CompareEngines(Success(Stack), b);
        Assert.Equal(EnginesVerdict.CostOnly, c.Verdict);
        Assert.Null(c.Class);
        Assert.Equal(new CostDelta(-100, 100, 15, 50, -50, 7), c.Costs);
        Assert.Equal((-150, 150, 8), (c.Costs.ExecutionCpu, c.Costs.ExecutionMem, c.Costs.ExecutionFuel));
    }

    [Fact]
    public void Instantiation_split_alone_makes_a_cost_difference()
    {
        var b = Success(Register) with { Instantiation = new ResourceUse(401, 900, 0) };
        Assert.Equal(EnginesVerdict.CostOnly, OutcomeComparer.CompareEngines(Success(Stack), b).Verdict);
    }

    [Fact]
    public void Another_return_value_is_a_result_divergence_at_the_value_with_both_values_as_cli_json()
    {
        var c = OutcomeComparer.CompareEngines(Success(Stack, value: 5), Success(Register, value: -5));
        Assert.Equal(EnginesVerdict.Divergent, c.Verdict);
        Assert.Equal(DivergenceClass.Result, c.Class);
        Assert.Equal(new FieldDifference("returnValue.i32", "5", "-5"), c.Difference);
    }

    [Fact]
    public void Success_on_one_engine_and_a_budget_error_on_the_other_is_a_budget_flip()
    {
        var b = Failure(Register, new SCError.Budget(SCErrorCode.ExceededLimit), code: InvokeHostFunctionResultCode.ResourceLimitExceeded);
        var c = OutcomeComparer.CompareEngines(Success(Stack), b);
        Assert.Equal(DivergenceClass.BudgetFlip, c.Class);
        Assert.Equal(new FieldDifference("status", "\"success\"", "\"failed\""), c.Difference);
    }

    [Fact]
    public void Out_of_fuel_on_one_engine_only_is_a_budget_flip()
    {
        var a = Failure(Stack, new SCError.WasmVm(SCErrorCode.InvalidAction), TrapCode.UnreachableCodeReached);
        var b = Failure(Register, new SCError.Budget(SCErrorCode.ExceededLimit), TrapCode.OutOfFuel, code: InvokeHostFunctionResultCode.ResourceLimitExceeded);
        Assert.Equal(DivergenceClass.BudgetFlip, OutcomeComparer.CompareEngines(a, b).Class);
    }

    [Fact]
    public void A_stack_overflow_on_one_engine_only_is_a_stack_flip_not_a_budget_flip()
    {
        var b = Failure(Register, new SCError.Budget(SCErrorCode.ExceededLimit), TrapCode.StackOverflow, code: InvokeHostFunctionResultCode.ResourceLimitExceeded);
        Assert.Equal(DivergenceClass.StackFlip, OutcomeComparer.CompareEngines(Success(Stack), b).Class);
        var depth = Failure(Stack, new SCError.Context(SCErrorCode.ExceededLimit));
        Assert.Equal(DivergenceClass.StackFlip, OutcomeComparer.CompareEngines(depth, Success(Register)).Class);
    }

    [Fact]
    public void A_body_failing_to_compile_on_first_call_is_lazy_validation()
    {
        var b = Failure(Register, new SCError.WasmVm(SCErrorCode.InvalidAction), message: "function 7 failed to compile on first call: type mismatch");
        var c = OutcomeComparer.CompareEngines(Success(Stack), b);
        Assert.Equal(DivergenceClass.LazyValidation, c.Class);
        // The upload of an invalid module: refused by the eager engine, accepted by the lazy one.
        var upload = Failure(Stack, new SCError.WasmVm(SCErrorCode.InvalidAction), message: "module failed to validate");
        Assert.Equal(DivergenceClass.LazyValidation, OutcomeComparer.CompareEngines(upload, Success(Register)).Class);
        // ... but not by an engine that validates at upload (its success is then a plain result divergence).
        Assert.Equal(DivergenceClass.Result, OutcomeComparer.CompareEngines(upload, Success(Register with { Mode = CompilationMode.Eager })).Class);
        // The same error on both sides, at upload on one and on first call on the other, is the same outcome (messages are never compared).
        Assert.Equal(EnginesVerdict.Identical, OutcomeComparer.CompareEngines(upload, b).Verdict);
    }

    [Fact]
    public void Two_different_traps_are_a_trap_kind_divergence()
    {
        var a = Failure(Stack, new SCError.WasmVm(SCErrorCode.InvalidAction), TrapCode.UnreachableCodeReached);
        var b = Failure(Register, new SCError.WasmVm(SCErrorCode.IndexBounds), TrapCode.MemoryOutOfBounds);
        var c = OutcomeComparer.CompareEngines(a, b);
        Assert.Equal(DivergenceClass.TrapKind, c.Class);
        Assert.Equal("error.error.wasm_vm", c.Difference!.Path);
        Assert.Equal(("\"invalid_action\"", "\"index_bounds\""), (c.Difference.First, c.Difference.Second));
    }

    [Fact]
    public void Two_different_contract_errors_are_an_error_code_divergence()
    {
        var c = OutcomeComparer.CompareEngines(Failure(Stack, new SCError.Contract(1)), Failure(Register, new SCError.Contract(2)));
        Assert.Equal(DivergenceClass.ErrorCode, c.Class);
        Assert.Equal(new FieldDifference("error.error.contract", "1", "2"), c.Difference);
    }

    [Fact]
    public void Same_result_with_other_ledger_changes_is_a_ledger_changes_divergence_and_their_order_does_not_matter()
    {
        var a = Success(Stack) with { LedgerChanges = [Ttl(1, 100), Ttl(2, 200)] };
        var reordered = Success(Register) with { LedgerChanges = [Ttl(2, 200), Ttl(1, 100)] };
        Assert.Equal(EnginesVerdict.Identical, OutcomeComparer.CompareEngines(a, reordered).Verdict);

        var other = Success(Register) with { LedgerChanges = [Ttl(2, 200), Ttl(1, 101)] };
        var c = OutcomeComparer.CompareEngines(a, other);
        Assert.Equal(DivergenceClass.LedgerChanges, c.Class);
        Assert.Equal(new FieldDifference("ledgerChanges[0].updated.data.ttl.live_until_ledger_seq", "100", "101"), c.Difference);
    }

    [Fact]
    public void Same_result_and_changes_with_other_events_is_an_events_divergence()
    {
        var a = Success(Stack) with { ContractEvents = [Outcomes.Event(1)] };
        var b = Success(Register) with { ContractEvents = [Outcomes.Event(1), Outcomes.Event(2)] };
        var c = OutcomeComparer.CompareEngines(a, b);
        Assert.Equal(DivergenceClass.Events, c.Class);
        Assert.Equal("contractEvents[1]", c.Difference!.Path);
        Assert.Null(c.Difference.First);
        Assert.NotNull(c.Difference.Second);
    }

    [Fact]
    public void Both_not_implemented_is_not_replayable()
    {
        var c = OutcomeComparer.CompareEngines(NotImplemented(Stack), NotImplemented(Register));
        Assert.Equal(EnginesVerdict.NotReplayable, c.Verdict);
        Assert.Null(c.Class);
    }

    [Fact]
    public void Result_hash_is_the_sha256_of_the_return_values_xdr()
    {
        var run = EngineRunSummary.Of(Success(Stack, value: 5));
        // SHA-256 of 00000004 00000005 (SCV_I32, 5), computed independently.
        Assert.Equal("7279e8c3ad3fee56a18c048ce620d342f1961e75a0dd2c9777121b7880e72fd3", run.ResultHash);
        Assert.Equal(("success", "success", null), (run.Status, run.ResultCode, run.Error));
        Assert.Equal(new ResourceUse(600, 1100, 30), run.Execution);
    }

    [Fact]
    public void A_failure_names_its_error_and_trap()
    {
        var run = EngineRunSummary.Of(Failure(Register, new SCError.Budget(SCErrorCode.ExceededLimit), TrapCode.OutOfFuel, code: InvokeHostFunctionResultCode.ResourceLimitExceeded));
        Assert.Equal("Budget/ExceededLimit trap=OutOfFuel", run.Error);
        Assert.Equal("resource_limit_exceeded", run.ResultCode);
        Assert.Equal("failed", run.Status);
        Assert.Equal("Contract/#12", EngineRunSummary.ErrorName(new SCError.Contract(12)));
    }
}
