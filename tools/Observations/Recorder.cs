using Replay.Soroban.Host;
using Replay.Soroban.Values;
using SorobanHost = Replay.Soroban.Host.Host;

namespace Replay.Tools.Observations;

/// <summary>Records our host's call/return steps with the budget totals at each, in the trace's shape.</summary>
public sealed class Recorder : Replay.Soroban.Host.IHostTracer
{
    private readonly List<TraceStep> _steps = [];

    public IReadOnlyList<TraceStep> Steps => _steps;

    /// <summary>Forgets every step (observation moves to another host).</summary>
    public void Reset() => _steps.Clear();

    public void Begin(SorobanHost host) =>
        _steps.Add(new TraceStep(_steps.Count, StepKind.Begin, "", host.Budget.CpuConsumed, host.Budget.MemConsumed, null, "begin"));

    public void End(SorobanHost host) =>
        _steps.Add(new TraceStep(_steps.Count, StepKind.End, "", host.Budget.CpuConsumed, host.Budget.MemConsumed, null, "end"));

    public void OnCall(SorobanHost host, string function, ReadOnlySpan<ulong> args) =>
        _steps.Add(new TraceStep(_steps.Count, StepKind.Call, function, host.Budget.CpuConsumed, host.Budget.MemConsumed, null,
            "call " + function));

    public void OnReturn(SorobanHost host, string function, ulong? result, HostError? error) =>
        _steps.Add(new TraceStep(_steps.Count, StepKind.Return, function, host.Budget.CpuConsumed, host.Budget.MemConsumed,
            error is null, error is null ? $"ret {function} -> Ok" : $"ret {function} -> Err({ErrorText(error)})",
            error is null ? null : ErrorText(error)));

    public void OnPushFrame(SorobanHost host, Frame frame) =>
        _steps.Add(new TraceStep(_steps.Count, StepKind.Push, FunctionName(host, frame), host.Budget.CpuConsumed, host.Budget.MemConsumed, null,
            "push " + FunctionName(host, frame)));

    public void OnPopFrame(SorobanHost host, Frame frame, HostError? error) =>
        _steps.Add(new TraceStep(_steps.Count, StepKind.Pop, FunctionName(host, frame), host.Budget.CpuConsumed, host.Budget.MemConsumed,
            error is null, error is null ? $"pop {FunctionName(host, frame)} -> Ok" : $"pop {FunctionName(host, frame)} -> Err({ErrorText(error)})",
            error is null ? null : ErrorText(error)));

    // The frame's function as the reference's trace names it: a small symbol's text, else "sym#<handle>".
    private static string FunctionName(SorobanHost host, Frame frame) =>
        frame.FunctionName.HasTag(Tag.SymbolSmall)
            ? System.Text.Encoding.ASCII.GetString(SymbolSmall.Decode(frame.FunctionName))
            : "sym#" + frame.FunctionName.ObjectHandle.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ErrorText(HostError e) =>
        e.Type == Replay.Stellar.Xdr.SCErrorType.Contract ? $"Contract, #{e.RawCode}" : $"{e.Type}, {e.Code}";
}

/// <summary>The first step where our run and the reference trace differ, or null when they agree throughout.</summary>
public sealed record StepDifference(int Index, TraceStep? Expected, TraceStep? Actual, string Reason);

public static class TraceComparer
{
    public static StepDifference? FirstDifference(IReadOnlyList<TraceStep> expected, IReadOnlyList<TraceStep> actual)
    {
        var n = Math.Max(expected.Count, actual.Count);
        for (var i = 0; i < n; i++)
        {
            var e = i < expected.Count ? expected[i] : null;
            var a = i < actual.Count ? actual[i] : null;
            if (e is null || a is null)
                return new StepDifference(i, e, a, e is null ? "our run has extra steps" : "our run ends early");
            if (e.Kind != a.Kind || !string.Equals(e.Function, a.Function, StringComparison.Ordinal))
                return new StepDifference(i, e, a, "different step");
            if (e.Ok is { } eok && a.Ok is { } aok && eok != aok)
                return new StepDifference(i, e, a, "different outcome");
            if (e.Error is not null && a.Error is not null && !string.Equals(e.Error, a.Error, StringComparison.Ordinal))
                return new StepDifference(i, e, a, $"error ({a.Error}) vs reference ({e.Error})");
            if (e.Cpu != a.Cpu || e.Mem != a.Mem)
                return new StepDifference(i, e, a, $"cpu {a.Cpu} vs reference {e.Cpu}, mem {a.Mem} vs reference {e.Mem}");
        }
        return null;
    }
}
