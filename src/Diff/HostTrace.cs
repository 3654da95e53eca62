using System.Globalization;
using Replay.Soroban.Host;
using Replay.Soroban.Values;
using SorobanHost = Replay.Soroban.Host.Host;

namespace Replay.Diff;

/// <summary>
/// One step of a host-call trace, as rs-soroban-env's observations record them: a host function
/// call with its argument words, its return (result word or error), or a context frame push or
/// pop, with the budget's CPU and memory and the engines' fuel at that point.
/// </summary>
/// <param name="Kind">"call", "return", "push" or "pop".</param>
/// <param name="Function">The host function's name, or the contract function for frames.</param>
/// <param name="Args">The call's argument words in hex ("call" only; empty otherwise).</param>
/// <param name="Result">The return's result word in hex, or its error as "Err(Type, Code)"; null for calls and pushes.</param>
public sealed record HostStep(int Index, string Kind, string Function, IReadOnlyList<string> Args, string? Result, ulong Cpu, ulong Mem, ulong Fuel)
{
    /// <summary>Whether two steps are the same step (costs aside: engines charge fuel differently throughout).</summary>
    public bool SameAs(HostStep other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && Function == other.Function && Args.SequenceEqual(other.Args) && Result == other.Result;
    }
}

/// <summary>Records a run's host steps (install as the host's tracer through RunOptions).</summary>
public sealed class HostStepRecorder : IHostTracer
{
    /// <summary>Beyond this many steps a trace is cut (and says so): a runaway loop must not exhaust memory.</summary>
    public const int MaxSteps = 1_000_000;

    private readonly List<HostStep> _steps = [];

    public IReadOnlyList<HostStep> Steps => _steps;

    public bool Truncated { get; private set; }

    public void OnCall(SorobanHost host, string function, ReadOnlySpan<ulong> args)
    {
        var words = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
            words[i] = args[i].ToString("x16", CultureInfo.InvariantCulture);
        Add(host, "call", function, words, null);
    }

    public void OnReturn(SorobanHost host, string function, ulong? result, HostError? error) =>
        Add(host, "return", function, [], error is null ? result?.ToString("x16", CultureInfo.InvariantCulture) ?? "void" : ErrorText(error));

    public void OnPushFrame(SorobanHost host, Frame frame) => Add(host, "push", FrameName(frame), [], null);

    public void OnPopFrame(SorobanHost host, Frame frame, HostError? error) =>
        Add(host, "pop", FrameName(frame), [], error is null ? "ok" : ErrorText(error));

    private void Add(SorobanHost host, string kind, string function, string[] args, string? result)
    {
        if (_steps.Count >= MaxSteps)
        {
            Truncated = true;
            return;
        }
        ulong fuel = 0;
        foreach (var vm in host.Vms)
            fuel += vm.FuelConsumed;
        _steps.Add(new HostStep(_steps.Count, kind, function, args, result, host.Budget.CpuConsumed, host.Budget.MemConsumed, fuel));
    }

    private static string FrameName(Frame frame) =>
        frame.FunctionName.HasTag(Tag.SymbolSmall)
            ? System.Text.Encoding.ASCII.GetString(SymbolSmall.Decode(frame.FunctionName))
            : "sym#" + frame.FunctionName.ObjectHandle.ToString(CultureInfo.InvariantCulture);

    private static string ErrorText(HostError e) =>
        e.Type == Stellar.Xdr.SCErrorType.Contract
            ? string.Create(CultureInfo.InvariantCulture, $"Err(Contract, #{e.RawCode})")
            : $"Err({e.Type}, {e.Code})";
}

/// <summary>The first step where two engines' host-call traces differ: its index, each side's step (null past a trace's end), and why.</summary>
public sealed record StepDivergence(int Index, HostStep? First, HostStep? Second, string Reason)
{
    /// <summary>The first differing step, or null when the traces are the same step for step (costs aside).</summary>
    public static StepDivergence? Find(IReadOnlyList<HostStep> first, IReadOnlyList<HostStep> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var n = Math.Max(first.Count, second.Count);
        for (var i = 0; i < n; i++)
        {
            var a = i < first.Count ? first[i] : null;
            var b = i < second.Count ? second[i] : null;
            if (a is null || b is null)
                return new StepDivergence(i, a, b, a is null ? "the first trace ends here" : "the second trace ends here");
            if (a.Kind != b.Kind || a.Function != b.Function)
                return new StepDivergence(i, a, b, "different step");
            if (!a.Args.SequenceEqual(b.Args))
                return new StepDivergence(i, a, b, "different arguments");
            if (a.Result != b.Result)
                return new StepDivergence(i, a, b, "different result");
        }
        return null;
    }
}
