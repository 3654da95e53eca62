using System.Text.Json;
using Replay.Soroban.Budget;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using static Replay.Soroban.Tests.TestHosts;
using SorobanBudget = Replay.Soroban.Budget.Budget;

namespace Replay.Soroban.Tests;

public sealed class BudgetTests
{
    private static ContractCostParamEntry P(long c, long l) => new() { Ext = ExtensionPoint.V0.Instance, ConstTerm = c, LinearTerm = l };

    // The reference's own model test (soroban-env-host/src/budget/model.rs,
    // test_model_evaluation_with_rounding): const 3, linear 5 (scaled by 2^7).
    [Fact]
    public void LinearModelRoundsLikeTheReference()
    {
        var m = new CostModel(3, 5);
        Assert.Equal(3UL, m.Evaluate(1, 1));
        Assert.Equal(4UL, m.Evaluate(1, 26));
        Assert.Equal(79UL, m.Evaluate(26, 1));
        Assert.Equal(3UL, m.Evaluate(1, null));
        Assert.Equal(ulong.MaxValue, new CostModel(ulong.MaxValue, 0).Evaluate(2, null));
    }

    [Fact]
    public void ExhaustionIsBudgetExceededLimit()
    {
        var b = SorobanBudget.FromConfig(22, 1000, 1000, [P(600, 0)], [P(10, 0)]);
        b.Charge(ContractCostType.WasmInsnExec, null);
        var e = Assert.Throws<HostError>(() => b.Charge(ContractCostType.WasmInsnExec, null));
        AssertError(e, SCErrorType.Budget, SCErrorCode.ExceededLimit);
        Assert.Equal(1200UL, b.CpuConsumed);  // the charge lands, then the limit check fails
        Assert.Equal(2UL, b.Tracker(ContractCostType.WasmInsnExec).Iterations);
    }

    [Fact]
    public void ConfigRulesFollowBudgetDimensionTryFromConfig()
    {
        Assert.Equal(45, SorobanBudget.HostCostTypeCount(20));
        Assert.Equal(45, SorobanBudget.HostCostTypeCount(21));
        Assert.Equal(70, SorobanBudget.HostCostTypeCount(22));
        Assert.Equal(70, SorobanBudget.HostCostTypeCount(24));
        Assert.Equal(85, SorobanBudget.HostCostTypeCount(25));
        Assert.Equal(86, SorobanBudget.HostCostTypeCount(27));
        var tooMany = Enumerable.Repeat(P(1, 0), 46).ToArray();
        Throws(SCErrorType.Budget, SCErrorCode.InternalError, () => SorobanBudget.FromConfig(21, 1, 1, tooMany, []));
        Throws(SCErrorType.Context, SCErrorCode.InvalidInput, () => SorobanBudget.FromConfig(22, 1, 1, [P(-1, 0)], []));
        // A shorter list leaves the remaining types free, as the reference does.
        var shortList = SorobanBudget.FromConfig(21, 100, 100, Enumerable.Repeat(P(1, 0), 23).ToArray(), []);
        Assert.Equal(default, shortList.CpuModel(ContractCostType.ParseWasmTypes));
        Throws(SCErrorType.Budget, SCErrorCode.InternalError, () => shortList.Charge(ContractCostType.Bls12381FrInv, null));
    }

    [Fact]
    public void InputShapeMustMatchTheCostType()
    {
        var b = SorobanBudget.HostDefaultV22();
        Throws(SCErrorType.Budget, SCErrorCode.InternalError, () => b.Charge(ContractCostType.MemAlloc, null));
        Throws(SCErrorType.Budget, SCErrorCode.InternalError, () => b.Charge(ContractCostType.VisitObject, 5));
    }

    [Fact]
    public void ShadowModeChargesDoNotCountAndErrorsAreSwallowed()
    {
        var b = SorobanBudget.FromConfig(22, 100, 100, [P(60, 0)], []);
        var ran = false;
        b.WithShadowMode(() =>
        {
            b.Charge(ContractCostType.WasmInsnExec, null);
            ran = true;
            b.Charge(ContractCostType.WasmInsnExec, null); // over the shadow limit: swallowed
        });
        Assert.True(ran);
        Assert.Equal(0UL, b.CpuConsumed);
        Assert.Equal(120UL, b.CpuShadowConsumed);
        Assert.False(b.InShadowMode);
        var ranAgain = false;
        b.WithShadowMode(() => ranAgain = true); // shadow budget already exhausted: skipped
        Assert.False(ranAgain);
    }

    [SharedFact]
    public void NetworkConfigParamsLoadForEveryProtocol()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("soroban", "core-test-network-config.json")));
        foreach (var proto in doc.RootElement.GetProperty("protocols").EnumerateObject())
        {
            var p = int.Parse(proto.Name, System.Globalization.CultureInfo.InvariantCulture);
            ContractCostParamEntry[] Read(string dim) => proto.Value.GetProperty(dim).EnumerateArray()
                .Select(e => P(e.GetProperty("constTerm").GetInt64(), e.GetProperty("linearTerm").GetInt64())).ToArray();
            var cpu = Read("cpu");
            var b = SorobanBudget.FromConfig(p, 100_000_000, 40 << 20, cpu, Read("mem"));
            Assert.Equal(SorobanBudget.HostCostTypeCount(p), b.CostTypeCount);
            Assert.Equal((ulong)cpu[1].ConstTerm, b.CpuModel(ContractCostType.MemAlloc).ConstTerm);
        }
    }
}
