using System.Security.Cryptography;
using System.Text.Json;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Diff;

/// <summary>
/// One engine's run of a case, summarized for reports and the database: status, result code,
/// a hash of the result, and what it cost, split into instantiation and execution.
/// </summary>
/// <param name="Engine">The engine variant, "stack/Eager", "register/Lazy".</param>
/// <param name="Status">"success", "failed" or "not-implemented".</param>
/// <param name="ResultCode">The operation result code as the Stellar CLI's JSON names it ("success", "trapped"...); null when not implemented.</param>
/// <param name="ResultHash">
/// Lower-case hex SHA-256 of the XDR of the return value (success), of the host's ScError
/// (host failure), or of the result code (core failed the operation by its own checks); null
/// when not implemented.
/// </param>
/// <param name="Error">The host's error as "Type/Code" ("WasmVm/InvalidAction", "Contract/#3"), with the trap kind when one ("WasmVm/InvalidAction trap=UnreachableCodeReached"); null when none.</param>
/// <param name="Consumed">CPU instructions, memory bytes and fuel of the whole invocation.</param>
/// <param name="Instantiation">The part of <paramref name="Consumed"/> spent instantiating contracts.</param>
public sealed record EngineRunSummary(
    string Engine,
    string Status,
    string? ResultCode,
    string? ResultHash,
    string? Error,
    ResourceUse Consumed,
    ResourceUse Instantiation)
{
    /// <summary>The part spent executing (<see cref="Consumed"/> minus <see cref="Instantiation"/>).</summary>
    public ResourceUse Execution => Consumed - Instantiation;

    public static EngineRunSummary Of(Outcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new EngineRunSummary(
            o.Engine.Name,
            StatusName(o.Status),
            o.ResultCode is { } code ? ResultCodeName(code) : null,
            ResultHashOf(o),
            o.Error is { } e ? ErrorText(e) : null,
            o.Consumed,
            o.Instantiation);
    }

    public static string StatusName(OutcomeStatus s) => s switch
    {
        OutcomeStatus.Success => "success",
        OutcomeStatus.Failed => "failed",
        OutcomeStatus.NotImplemented => "not-implemented",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };

    /// <summary>The result code's name in the Stellar CLI's JSON ("success", "trapped", "resourceLimitExceeded"...).</summary>
    public static string ResultCodeName(InvokeHostFunctionResultCode code)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            XdrEnum.WriteJson(w, code);
        return JsonSerializer.Deserialize<string>(buffer.ToArray())!;
    }

    /// <summary>"Type/Code" of an ScError: "Budget/ExceededLimit", "Contract/#7".</summary>
    public static string ErrorName(SCError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            SCError.Contract c => $"Contract/#{c.Value}",
            _ => $"{error.Type}/{CodeOf(error)}",
        };
    }

    public static string ErrorText(OutcomeError e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var name = ErrorName(e.Error);
        return e.Trap is { } trap ? $"{name} trap={trap}" : name;
    }

    /// <summary>The SCErrorCode of a non-contract error (every other arm carries one).</summary>
    public static SCErrorCode? CodeOf(SCError error) =>
        XdrCodec.Encode(error) is { Length: 8 } bytes && error is not SCError.Contract
            ? (SCErrorCode)System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4))
            : null;

    public static string? ResultHashOf(Outcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        byte[] bytes;
        if (o.Status == OutcomeStatus.NotImplemented)
            return null;
        if (o.ReturnValue is { } rv)
            bytes = XdrCodec.Encode(rv);
        else if (o.Error is { } e)
            bytes = XdrCodec.Encode(e.Error);
        else if (o.ResultCode is { } code)
        {
            bytes = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, (int)code);
        }
        else
            return null;
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}

/// <summary>
/// Cost differences of one case between two engines (second minus first, so positive means the
/// second engine spent more): CPU instructions, memory bytes and fuel, for the whole invocation
/// and its instantiation part (execution is the rest).
/// </summary>
public sealed record CostDelta(long Cpu, long Mem, long Fuel, long InstantiationCpu, long InstantiationMem, long InstantiationFuel)
{
    public long ExecutionCpu => Cpu - InstantiationCpu;
    public long ExecutionMem => Mem - InstantiationMem;
    public long ExecutionFuel => Fuel - InstantiationFuel;

    public bool IsZero => Cpu == 0 && Mem == 0 && Fuel == 0 && InstantiationCpu == 0 && InstantiationMem == 0 && InstantiationFuel == 0;

    public static CostDelta Between(ResourceUse firstConsumed, ResourceUse firstInstantiation, ResourceUse secondConsumed, ResourceUse secondInstantiation) =>
        new(D(secondConsumed.Cpu, firstConsumed.Cpu), D(secondConsumed.Mem, firstConsumed.Mem), D(secondConsumed.Fuel, firstConsumed.Fuel),
            D(secondInstantiation.Cpu, firstInstantiation.Cpu), D(secondInstantiation.Mem, firstInstantiation.Mem), D(secondInstantiation.Fuel, firstInstantiation.Fuel));

    public static CostDelta Between(EngineRunSummary first, EngineRunSummary second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Between(first.Consumed, first.Instantiation, second.Consumed, second.Instantiation);
    }

    private static long D(ulong b, ulong a) => checked((long)b - (long)a);
}
