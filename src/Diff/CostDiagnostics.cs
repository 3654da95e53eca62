using Replay.Stellar.Xdr;

namespace Replay.Diff;

/// <summary>
/// Core's resource-limit diagnostics that carry a cost. When an operation consumes more CPU
/// than it declared, or more memory than the network allows, core emits an <c>error</c>
/// diagnostic event (Budget, ExceededLimit) whose data is [message, consumed, limit]
/// (fact: stellar-core InvokeHostFunctionOpFrame, the checks after the host returns). The
/// consumed figure is the engine's cost: two engines that fail the same way at different costs
/// emit the same event with different figures, which is a cost difference, not an events one.
/// Comparisons that leave costs aside compare these events with the figure masked; everything
/// else in them (the message, the error, the limit, their place in the list) still has to agree.
/// </summary>
public static class CostDiagnostics
{
    /// <summary>The messages whose second data element is the consumed cost.</summary>
    public static readonly IReadOnlyList<string> Messages =
    [
        "operation instructions exceeds amount specified",
        "operation memory usage exceeds network config limit",
    ];

    /// <summary>True when <paramref name="e"/> is one of core's cost-carrying resource-limit diagnostics.</summary>
    public static bool CarriesCost(DiagnosticEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Event is { Type: ContractEventType.Diagnostic, ContractID: null, Body: ContractEventBody.V0 { Value: var body } }
            && body.Topics is [SCVal.Symbol { Value: var topic }, SCVal.Error { Value: SCError.Budget { Value: SCErrorCode.ExceededLimit } }]
            && topic.ToString() == "error"
            && body.Data is SCVal.Vec { Value: [SCVal.String { Value: var message }, SCVal.U64, SCVal.U64] }
            && Messages.Contains(message.ToString());
    }

    /// <summary>The event with its consumed-cost figure set to zero, or the event itself when it carries no cost.</summary>
    public static DiagnosticEvent WithoutCost(DiagnosticEvent e)
    {
        if (!CarriesCost(e))
            return e;
        var body = ((ContractEventBody.V0)e.Event.Body).Value;
        var data = ((SCVal.Vec)body.Data).Value!;
        return new DiagnosticEvent
        {
            InSuccessfulContractCall = e.InSuccessfulContractCall,
            Event = new ContractEvent
            {
                Ext = e.Event.Ext,
                ContractID = null,
                Type = ContractEventType.Diagnostic,
                Body = new ContractEventBody.V0(new ContractEventV0
                {
                    Topics = body.Topics,
                    Data = new SCVal.Vec([data[0], new SCVal.U64(0), data[2]]),
                }),
            },
        };
    }
}
