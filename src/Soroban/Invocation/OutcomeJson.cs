using System.Globalization;
using System.Text.Json;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Invocation;

/// <summary>
/// The JSON form of an <see cref="Outcome"/> (for <c>replay invoke --json</c> and tools): stable
/// property order, XDR values in the XDR JSON form, every count exact.
/// </summary>
public static class OutcomeJson
{
    public static void Write(Utf8JsonWriter w, Outcome o)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(o);
        w.WriteStartObject();
        w.WriteString("engine", o.Engine.Name);
        w.WriteString("engine_version", o.Engine.Identity.Version);
        w.WriteString("status", o.Status.ToString());
        if (o.ResultCode is { } code)
            w.WriteString("result_code", code.ToString());
        else
            w.WriteNull("result_code");
        if (o.NotImplemented is { } ni)
            w.WriteString("not_implemented", ni);
        w.WriteBoolean("host_called", o.HostCalled);
        if (o.ReturnValue is { } rv)
        {
            w.WritePropertyName("return_value");
            rv.WriteJson(w);
        }
        if (o.SuccessHash is { } hash)
            w.WriteString("success_hash", Convert.ToHexStringLower(hash.ToArray()));
        if (o.Error is { } e)
        {
            w.WriteStartObject("error");
            w.WritePropertyName("error");
            e.Error.WriteJson(w);
            if (e.Trap is { } trap)
                w.WriteString("trap", trap.ToString());
            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }
        WriteResources(w, "consumed", o.Consumed);
        WriteResources(w, "instantiation", o.Instantiation);
        WriteResources(w, "execution", o.Execution);
        if (o.RentFee is { } rent)
            w.WriteNumber("rent_fee", rent);
        w.WriteStartArray("ledger_changes");
        foreach (var c in o.LedgerChanges)
            c.WriteJson(w);
        w.WriteEndArray();
        w.WriteStartArray("contract_events");
        foreach (var c in o.ContractEvents)
            c.WriteJson(w);
        w.WriteEndArray();
        w.WriteStartArray("diagnostic_events");
        foreach (var d in o.DiagnosticEvents)
            d.WriteJson(w);
        w.WriteEndArray();
        w.WriteStartObject("core_metrics");
        foreach (var m in o.CoreMetrics)
            w.WriteNumber(m.Name, m.Value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResources(Utf8JsonWriter w, string name, ResourceUse r)
    {
        w.WriteStartObject(name);
        w.WriteNumber("cpu_insns", r.Cpu);
        w.WriteNumber("mem_bytes", r.Mem);
        w.WriteNumber("fuel", r.Fuel);
        w.WriteEndObject();
    }

    /// <summary>One line a person reads: status, code, cpu/mem/fuel.</summary>
    public static string Summary(Outcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var status = o.Status switch
        {
            OutcomeStatus.NotImplemented => o.NotImplemented ?? "not implemented",
            _ => o.ResultCode?.ToString() ?? o.Status.ToString(),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{o.Engine.Name}: {status}; cpu {o.Consumed.Cpu} (instantiation {o.Instantiation.Cpu}), mem {o.Consumed.Mem}, fuel {o.Consumed.Fuel}");
    }
}
