using System.Text;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;
using static Replay.Diff.Tests.Outcomes;

namespace Replay.Diff.Tests;

/// <summary>
/// Core's "operation instructions exceeds amount specified" diagnostic carries the consumed CPU:
/// two engines failing the same way at different costs differ in cost only (the shape is the one
/// recorded in core-tests 25e5dd2f... ledger 16, and in our CoreApply).
/// </summary>
public sealed class CostDiagnosticsTests
{
    private static DiagnosticEvent Limit(string message, ulong consumed, ulong limit, string topic = "error") => new()
    {
        InSuccessfulContractCall = false,
        Event = new ContractEvent
        {
            Ext = ExtensionPoint.V0.Instance,
            ContractID = null,
            Type = ContractEventType.Diagnostic,
            Body = new ContractEventBody.V0(new ContractEventV0
            {
                Topics = [new SCVal.Symbol(new XdrString(Encoding.UTF8.GetBytes(topic))), new SCVal.Error(new SCError.Budget(SCErrorCode.ExceededLimit))],
                Data = new SCVal.Vec([new SCVal.String(new XdrString(Encoding.UTF8.GetBytes(message))), new SCVal.U64(consumed), new SCVal.U64(limit)]),
            }),
        },
    };

    private static Outcome Exceeded(OutcomeEngine engine, ulong cpu, params DiagnosticEvent[] diagnostics) =>
        Failure(engine, new SCError.Budget(SCErrorCode.ExceededLimit), code: InvokeHostFunctionResultCode.ResourceLimitExceeded) with
        {
            Consumed = new ResourceUse(cpu, 7241848, 0),
            DiagnosticEvents = diagnostics,
        };

    [Fact]
    public void The_same_limit_failure_at_another_cpu_figure_is_cost_only()
    {
        const string m = "operation instructions exceeds amount specified";
        var c = OutcomeComparer.CompareEngines(Exceeded(Stack, 6317245, Limit(m, 6317245, 6000000)), Exceeded(Register, 6352117, Limit(m, 6352117, 6000000)));
        Assert.Equal(EnginesVerdict.CostOnly, c.Verdict);
        Assert.Null(c.Difference);
    }

    [Fact]
    public void The_memory_limit_message_is_cost_carrying_too()
    {
        const string m = "operation memory usage exceeds network config limit";
        Assert.True(CostDiagnostics.CarriesCost(Limit(m, 1, 2)));
        Assert.Equal(EnginesVerdict.CostOnly, OutcomeComparer.CompareEngines(Exceeded(Stack, 10, Limit(m, 41943041, 41943040)), Exceeded(Register, 11, Limit(m, 41943100, 41943040))).Verdict);
    }

    [Fact]
    public void Another_limit_figure_is_still_an_events_divergence_reported_on_the_events_as_they_are()
    {
        const string m = "operation instructions exceeds amount specified";
        var c = OutcomeComparer.CompareEngines(Exceeded(Stack, 5, Limit(m, 6317245, 6000000)), Exceeded(Register, 6, Limit(m, 6352117, 5000000)));
        Assert.Equal(EnginesVerdict.Divergent, c.Verdict);
        Assert.Equal(DivergenceClass.Events, c.Class);
        Assert.Equal("diagnosticEvents[0].event.body.v0.data.vec[1].u64", c.Difference!.Path);
    }

    [Fact]
    public void Other_messages_and_topics_carry_no_cost()
    {
        Assert.False(CostDiagnostics.CarriesCost(Limit("total events size exceeds network config maximum", 1, 2)));
        Assert.False(CostDiagnostics.CarriesCost(Limit("operation instructions exceeds amount specified", 1, 2, topic: "log")));
        var other = Limit("operation byte-write resources exceeds amount specified", 1, 2);
        Assert.Same(other, CostDiagnostics.WithoutCost(other));
        var c = OutcomeComparer.CompareEngines(Exceeded(Stack, 5, other), Exceeded(Register, 6, Limit("operation byte-write resources exceeds amount specified", 3, 2)));
        Assert.Equal(EnginesVerdict.Divergent, c.Verdict);
    }
}
