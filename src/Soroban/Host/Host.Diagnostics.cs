using System.Text;
using Replay.Soroban.Budget;
using Replay.Soroban.Events;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Debug mode, recorded errors and diagnostic events (fact: host.rs with_debug_mode*,
// host/error.rs error/err/map_err, events/diagnostic.rs). Diagnostic work runs only when
// diagnostics are on, always in the budget's shadow mode, and never fails its caller.
public sealed partial class Host
{
    private bool _debugDepthDisablesTracing;

    /// <summary>
    /// Whether diagnostics are on (the reference's <c>DiagnosticLevel::Debug</c>, which stellar-core
    /// sets when ENABLE_SOROBAN_DIAGNOSTIC_EVENTS is): error, fn_call, fn_return and log events are
    /// recorded, charged to the shadow budget only.
    /// </summary>
    public bool DiagnosticsEnabled { get; set; }

    /// <summary>The events recorded so far (contract and diagnostic), in order.</summary>
    public EventsBuffer Events { get; } = new();

    /// <summary>
    /// <c>with_debug_mode</c>: runs <paramref name="work"/> only with diagnostics on, in shadow mode,
    /// with tracing off, swallowing any error it raises.
    /// </summary>
    internal void WithDebugMode(Action work)
    {
        if (!DiagnosticsEnabled)
            return;
        var prev = _debugDepthDisablesTracing;
        _debugDepthDisablesTracing = true;
        try
        {
            Budget.WithShadowMode(work);
        }
        finally
        {
            _debugDepthDisablesTracing = prev;
        }
    }

    /// <summary>The tracer unless debug-mode work is running (the reference disables tracing there).</summary>
    private IHostTracer? ActiveTracer => _debugDepthDisablesTracing ? null : Tracer;

    /// <summary>
    /// <c>ErrorHandler::error</c>: the error, after recording an error diagnostic event
    /// (topics "error" and the error, data the message and <paramref name="args"/>) in debug mode.
    /// </summary>
    internal HostError Error(HostError error, string message, params Val[] args)
    {
        WithDebugMode(() => RecordErrorDiagnostics(error.ToVal(), message, args));
        return error;
    }

    /// <summary><c>Host::err</c>: a new (type, code) error, recorded as <see cref="Error(HostError, string, Val[])"/> does.</summary>
    internal HostError Err(SCErrorType type, SCErrorCode code, string message, params Val[] args) =>
        Error(new HostError(type, code, message), message, args);

    /// <summary>
    /// The reference's <c>err!</c> with arguments that need new objects (a hash as bytes, a
    /// string): the arguments are made inside debug mode, charged to the shadow budget.
    /// </summary>
    internal HostError ErrWithDebugArgs(SCErrorType type, SCErrorCode code, string message, Func<Val[]> args)
    {
        var error = new HostError(type, code, message);
        WithDebugMode(() => RecordErrorDiagnostics(error.ToVal(), message, args()));
        return error;
    }

    /// <summary>The same error (type and raw code) as a new exception, recorded with a message (the reference's <c>host.error(e.error, msg, args)</c>).</summary>
    internal HostError Error(Val error, string message, params Val[] args) =>
        Error(HostError.FromErrorVal(error, message), message, args);

    private static SCVal StringScVal(string s) => new SCVal.String(new XdrString(Encoding.UTF8.GetBytes(s)));

    private void RecordErrorDiagnostics(Val error, string message, Val[] args)
    {
        var contractId = CurrentContractIdOrNull();
        ChargeBulkInitCopy(2, DeclaredSize.InternalDiagnosticArg);
        DiagnosticArg[] topics = [new DiagnosticArg.HostVal(SymbolSmall.FromString("error")), new DiagnosticArg.HostVal(error)];
        var msg = StringScVal(message);
        SliceToVecMetered(Encoding.UTF8.GetBytes(message));
        ChargeBulkInitCopy((ulong)args.Length + 1, DeclaredSize.InternalDiagnosticArg);
        var eventArgs = new DiagnosticArg[args.Length + 1];
        eventArgs[0] = new DiagnosticArg.XdrVal(msg);
        for (var i = 0; i < args.Length; i++)
            eventArgs[i + 1] = new DiagnosticArg.HostVal(args[i]);
        ChargeHeapAlloc(1, DeclaredSize.InternalDiagnosticEvent);
        RecordEvent(new InternalDiagnosticEvent(contractId, topics, eventArgs));
    }

    /// <summary><c>log_diagnostics</c>: a "log" diagnostic event with a message and values.</summary>
    internal void LogDiagnostics(string message, params Val[] args) => WithDebugMode(() =>
    {
        var contractId = CurrentContractIdOrNull();
        ChargeBulkInitCopy(1, DeclaredSize.InternalDiagnosticArg);
        DiagnosticArg[] topics = [new DiagnosticArg.HostVal(SymbolSmall.FromString("log"))];
        var msg = StringScVal(message);
        SliceToVecMetered(Encoding.UTF8.GetBytes(message));
        ChargeBulkInitCopy((ulong)args.Length + 1, DeclaredSize.InternalDiagnosticArg);
        var eventArgs = new DiagnosticArg[args.Length + 1];
        eventArgs[0] = new DiagnosticArg.XdrVal(msg);
        for (var i = 0; i < args.Length; i++)
            eventArgs[i + 1] = new DiagnosticArg.HostVal(args[i]);
        RecordDiagnosticEvent(contractId, topics, eventArgs);
    });

    /// <summary><c>fn_call_diagnostics</c>: "fn_call" with the called contract's id (bytes) and function, the arguments as data.</summary>
    internal void FnCallDiagnostics(Hash calledContract, Val function, ReadOnlySpan<Val> args)
    {
        var copy = args.ToArray();
        WithDebugMode(() =>
        {
            var calling = CurrentContractIdOrNull();
            ChargeBulkInitCopy(3, DeclaredSize.InternalDiagnosticArg);
            var idBytes = SliceToVecMetered(calledContract.ToArray());
            DiagnosticArg[] topics =
            [
                new DiagnosticArg.HostVal(SymbolSmall.FromString("fn_call")),
                new DiagnosticArg.XdrVal(new SCVal.Bytes(idBytes)),
                new DiagnosticArg.HostVal(function),
            ];
            ChargeBulkInitCopy((ulong)copy.Length, DeclaredSize.InternalDiagnosticArg);
            var eventArgs = copy.Select(v => (DiagnosticArg)new DiagnosticArg.HostVal(v)).ToArray();
            RecordDiagnosticEvent(calling, topics, eventArgs);
        });
    }

    /// <summary><c>fn_return_diagnostics</c>: "fn_return" with the function, the result as data, from the returning contract.</summary>
    internal void FnReturnDiagnostics(Hash contract, Val function, Val result) => WithDebugMode(() =>
    {
        ChargeBulkInitCopy(2, DeclaredSize.InternalDiagnosticArg);
        DiagnosticArg[] topics = [new DiagnosticArg.HostVal(SymbolSmall.FromString("fn_return")), new DiagnosticArg.HostVal(function)];
        ChargeBulkInitCopy(1, DeclaredSize.InternalDiagnosticArg);
        DiagnosticArg[] eventArgs = [new DiagnosticArg.HostVal(result)];
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
        RecordDiagnosticEvent(contract, topics, eventArgs);
    });

    private void RecordDiagnosticEvent(Hash? contractId, DiagnosticArg[] topics, DiagnosticArg[] args) => WithDebugMode(() =>
    {
        ChargeHeapAlloc(1, DeclaredSize.InternalDiagnosticEvent);
        RecordEvent(new InternalDiagnosticEvent(contractId, topics, args));
    });

    /// <summary><c>InternalEventsBuffer::record</c>: a bulk-init charge for one (event, status) slot, then the push (diagnostic events only in debug mode).</summary>
    private void RecordEvent(InternalEvent e)
    {
        if (e is InternalDiagnosticEvent)
        {
            WithDebugMode(() =>
            {
                ChargeBulkInitCopy(1, DeclaredSize.InternalEventWithStatus);
                Events.Add(e);
            });
            return;
        }
        ChargeBulkInitCopy(1, DeclaredSize.InternalEventWithStatus);
        Events.Add(e);
    }

    /// <summary>
    /// <c>record_contract_event</c>: the current contract's id as a new bytes object (a metered
    /// copy of its 32 bytes), then the event.
    /// </summary>
    internal void RecordContractEvent(ContractEventType type, Val topics, Val data)
    {
        Val? idObject = null;
        if (CurrentContractIdOrNull() is { } id)
            idObject = AddObject(new BytesObject(SliceToVecMetered(id.ToArray())));
        RecordEvent(new InternalContractEvent(type, idObject, topics, data));
    }

    /// <summary>
    /// <c>InternalEventsBuffer::externalize</c>: every event as XDR with its failed-call flag.
    /// Contract events are converted on the real budget (topics and data through the metered
    /// conversions, the id through a fixed-length read); diagnostic events only in debug mode.
    /// Each pushed event charges a bulk-init copy of one HostEvent.
    /// </summary>
    public IReadOnlyList<HostEvent> ExternalizeEvents()
    {
        var result = new List<HostEvent>(Events.Count);
        foreach (var (e, failed) in Events.Events)
        {
            switch (e)
            {
                case InternalContractEvent c:
                    {
                        var xdr = ContractEventToXdr(c);
                        ChargeBulkInitCopy(1, DeclaredSize.HostEvent);
                        result.Add(new HostEvent(xdr, failed));
                        break;
                    }
                case InternalDiagnosticEvent d:
                    WithDebugMode(() =>
                    {
                        var xdr = DiagnosticEventToXdr(d);
                        ChargeBulkInitCopy(1, DeclaredSize.HostEvent);
                        result.Add(new HostEvent(xdr, failed));
                    });
                    break;
            }
        }
        return result;
    }

    private ContractEvent ContractEventToXdr(InternalContractEvent c)
    {
        var topics = VecObjectToScVals(c.Topics);
        var data = FromHostVal(c.Data);
        Hash? id = c.ContractId is { } idObj ? Hash.FromBytes(HashFromBytesObjInput(idObj)) : null;
        return new ContractEvent
        {
            Ext = ExtensionPoint.V0.Instance,
            ContractID = id,
            Type = c.Type,
            Body = new ContractEventBody.V0(new ContractEventV0 { Topics = topics, Data = data }),
        };
    }

    private ContractEvent DiagnosticEventToXdr(InternalDiagnosticEvent d)
    {
        var topics = ExternalizeArgs(d.Topics);
        var args = ExternalizeArgs(d.Args);
        var data = args.Length switch
        {
            0 => SCVal.Void.Instance,
            1 => args[0],
            _ => new SCVal.Vec(args),
        };
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Option(DeclaredSize.Hash)); // metered clone of Option<ContractId>
        return new ContractEvent
        {
            Ext = ExtensionPoint.V0.Instance,
            ContractID = d.ContractId,
            Type = ContractEventType.Diagnostic,
            Body = new ContractEventBody.V0(new ContractEventV0 { Topics = topics, Data = data }),
        };
    }

    private SCVal[] ExternalizeArgs(DiagnosticArg[] args)
    {
        ChargeResultVecBulkInitCopy((ulong)args.Length, DeclaredSize.ScVal);
        var result = new SCVal[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            result[i] = args[i] switch
            {
                DiagnosticArg.HostVal h => FromHostVal(h.Value),
                DiagnosticArg.XdrVal x => CloneScValMetered(x.Value),
                _ => throw new HostError(SCErrorType.Events, SCErrorCode.InternalError, "unknown diagnostic argument"),
            };
        }
        return result;
    }

    private SCVal CloneScValMetered(SCVal v)
    {
        XdrClones.ScVal(Budget, v);
        return v;
    }

    /// <summary><c>vecobject_to_scval_vec</c>: each element through <c>from_host_val</c>, into a metered vector.</summary>
    internal SCVal[] VecObjectToScVals(Val vec)
    {
        var items = Visit<VecObject>(vec).Items;
        ChargeResultVecBulkInitCopy((ulong)items.Length, DeclaredSize.ScVal);
        var result = new SCVal[items.Length];
        for (var i = 0; i < items.Length; i++)
            result[i] = FromHostVal(items[i]);
        return result;
    }
}
