using Replay.Wasm.Binary;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.SpecTest;

/// <summary>
/// The state of one script while it runs: its store, the linker holding <c>spectest</c> and
/// registered modules, the named and current instances. A module that was skipped leaves its
/// reason behind, so every command that needs it is skipped under the same reason.
/// </summary>
internal sealed class ScriptRun
{
    private readonly IEngine _engine;
    private readonly IEngine? _validatingEngine;
    private readonly SpecScript _script;
    private readonly SpecRunResult _result;
    private readonly IStore _store;
    private readonly Linker _linker = new();
    private readonly Dictionary<string, ModuleSlot> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _registeredSkips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModuleSlot> _registered = new(StringComparer.Ordinal);
    private ModuleSlot? _current;

    public ScriptRun(IEngine engine, IEngine? validatingEngine, SpecScript script, SpecRunResult result)
    {
        _engine = engine;
        _validatingEngine = validatingEngine;
        _script = script;
        _result = result;
        _store = engine.CreateStore();
        SpectestModule.Define(_store, _linker);
    }

    public void Run()
    {
        foreach (var command in _script.Commands)
        {
            CommandOutcome outcome;
            try
            {
                outcome = Execute(command);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                outcome = CommandOutcome.Fail("a readable module file", $"cannot read it: {e.Message}");
            }
            catch (SpecScriptFormatException e)
            {
                outcome = CommandOutcome.Fail("a well-formed command", e.Message);
            }
            Record(command, outcome);
        }
    }

    private void Record(SpecCommand command, CommandOutcome outcome)
    {
        switch (outcome.Verdict)
        {
            case CommandVerdict.Pass:
                _result.Pass();
                break;
            case CommandVerdict.Skip:
                _result.Skip(outcome.SkipReason!);
                break;
            default:
                _result.Fail(new SpecFailure(_script.DisplayName, command.Line, Describe(command), outcome.Expected!, outcome.Actual!));
                break;
        }
    }

    private static string Describe(SpecCommand command) => command switch
    {
        ModuleCommand m => $"module {m.Name ?? ""}".TrimEnd(),
        RegisterCommand r => $"register \"{r.As}\"",
        ActionCommand a => $"action {a.Action}",
        AssertReturnCommand a => $"assert_return {a.Action}",
        AssertTrapCommand a => $"{a.Kind} {a.Action}",
        AssertModuleCommand a => $"{a.Kind} {a.FileName}",
        _ => command.Kind,
    };

    private CommandOutcome Execute(SpecCommand command) => command switch
    {
        ModuleCommand m => Module(m),
        RegisterCommand r => Register(r),
        ActionCommand a => Perform(a.Action, expected: null),
        AssertReturnCommand a => Perform(a.Action, a.Expected),
        AssertTrapCommand a => Trap(a),
        AssertModuleCommand a => a.Assertion switch
        {
            ModuleAssertion.Invalid or ModuleAssertion.Malformed => Rejected(a),
            ModuleAssertion.Unlinkable => Unlinkable(a),
            _ => Uninstantiable(a),
        },
        _ => CommandOutcome.Fail("a known command", command.Kind),
    };

    // ---- modules ----

    private CommandOutcome Module(ModuleCommand command)
    {
        var bytes = _script.ReadModule(command.FileName);
        var slot = new ModuleSlot();
        _current = slot;
        if (command.Name is not null)
            _named[command.Name] = slot;

        var compiled = Compile(bytes, out var outcome, out slot.SkipReason);
        if (compiled is null)
            return outcome;
        try
        {
            slot.Instance = _store.Instantiate(compiled, _linker);
            return CommandOutcome.Pass;
        }
        catch (LinkException e)
        {
            slot.SkipReason = SkipForImports(compiled);
            return slot.SkipReason is { } reason ? CommandOutcome.Skip(reason) : CommandOutcome.Fail("instantiation", $"link error: {e.Message}");
        }
        catch (TrapException e)
        {
            return CommandOutcome.Fail("instantiation", $"trap: {e.Message}");
        }
        catch (Exception e) when (IsEngineFault(e))
        {
            return CommandOutcome.Fail("instantiation", Crash(e));
        }
    }

    /// <summary>Compiles a module that the script says is valid; a rejection is a failure unless it uses a proposal we skip.</summary>
    private ICompiledModule? Compile(byte[] bytes, out CommandOutcome outcome, out string? skipReason)
    {
        skipReason = null;
        try
        {
            outcome = CommandOutcome.Pass;
            var compiled = _engine.Compile(bytes);
            // A lazy engine has not looked at the bodies yet: the validating twin does, so a body
            // using an unsupported proposal is skipped here, as in the other modes, instead of
            // failing at its first call.
            _validatingEngine?.Compile(bytes);
            return compiled;
        }
        catch (WasmFrontEndException e)
        {
            // Only the front end's typed rejection of a module that uses a proposal we do not
            // implement becomes a skip; anything else an engine throws is a failure.
            skipReason = UnsupportedFeature.ForRejectedModule(bytes, e);
            if (skipReason is { } reason)
            {
                Taint(bytes, reason);
                outcome = CommandOutcome.Skip(reason);
            }
            else
            {
                outcome = CommandOutcome.Fail("a valid module", $"rejected: {e.Message}");
            }
            return null;
        }
        catch (Exception e) when (IsEngineFault(e))
        {
            outcome = CommandOutcome.Fail("a valid module", Crash(e));
            return null;
        }
    }

    /// <summary>
    /// A skipped module would have run against the registered instances it imports from (its data
    /// and element segments and start function write into shared memories, tables and globals), so
    /// what scripts observe of those instances afterwards depends on the unsupported feature too:
    /// later commands on them are skipped under the same reason.
    /// </summary>
    private void Taint(byte[] bytes, string reason)
    {
        foreach (var module in ModuleProbe.ImportedModuleNames(bytes))
        {
            if (_registered.TryGetValue(module, out var slot))
                slot.SkipReason ??= reason;
        }
    }

    /// <summary>A module that could not link because it imports from a registered module that was itself skipped.</summary>
    private string? SkipForImports(ICompiledModule compiled)
    {
        foreach (var import in compiled.Module.Imports)
        {
            if (_registeredSkips.TryGetValue(import.Module, out var reason))
                return reason;
        }
        return null;
    }

    private CommandOutcome Register(RegisterCommand command)
    {
        var slot = command.Name is null ? _current : _named.GetValueOrDefault(command.Name);
        if (slot?.SkipReason is { } reason)
        {
            _registeredSkips[command.As] = reason;
            return CommandOutcome.Skip(reason);
        }
        if (slot?.Instance is not { } instance)
            return CommandOutcome.Fail("a module to register", command.Name is null ? "no current module" : $"no instantiated module {command.Name}");
        _linker.DefineInstance(command.As, instance);
        _registered[command.As] = slot;
        _registeredSkips.Remove(command.As);
        return CommandOutcome.Pass;
    }

    private CommandOutcome Rejected(AssertModuleCommand command)
    {
        if (command.IsText)
            return CommandOutcome.Skip(UnsupportedFeature.TextModule);
        var bytes = _script.ReadModule(command.FileName);
        var expected = $"rejected: {command.Text}";
        try
        {
            _engine.Compile(bytes);
            if (_validatingEngine is null)
                return CommandOutcome.Fail(expected, "accepted");
            _validatingEngine.Compile(bytes);
            return CommandOutcome.Fail(expected, "accepted (also when validated up front)");
        }
        catch (WasmFrontEndException e)
        {
            if (!SpecMessages.RejectionMatches(command.Text, e.Rule, e.Message))
                MessageMismatch(command, command.Text, e.Message);
            return CommandOutcome.Pass;
        }
        catch (Exception e) when (IsEngineFault(e))
        {
            return CommandOutcome.Fail(expected, Crash(e));
        }
    }

    private CommandOutcome Unlinkable(AssertModuleCommand command)
    {
        var bytes = _script.ReadModule(command.FileName);
        var compiled = Compile(bytes, out var outcome, out _);
        if (compiled is null)
            return outcome;
        var expected = $"link error: {command.Text}";
        try
        {
            _store.Instantiate(compiled, _linker);
            return CommandOutcome.Fail(expected, "instantiated");
        }
        catch (LinkException e)
        {
            if (SkipForImports(compiled) is { } reason)
                return CommandOutcome.Skip(reason);
            if (!SpecMessages.RejectionMatches(command.Text, null, e.Message))
                MessageMismatch(command, command.Text, e.Message);
            return CommandOutcome.Pass;
        }
        catch (TrapException e)
        {
            return CommandOutcome.Fail(expected, $"trap: {e.Message}");
        }
        catch (Exception e) when (IsEngineFault(e))
        {
            return CommandOutcome.Fail(expected, Crash(e));
        }
    }

    private CommandOutcome Uninstantiable(AssertModuleCommand command)
    {
        var bytes = _script.ReadModule(command.FileName);
        var compiled = Compile(bytes, out var outcome, out _);
        if (compiled is null)
            return outcome;
        var expected = $"trap: {command.Text}";
        try
        {
            _store.Instantiate(compiled, _linker);
            return CommandOutcome.Fail(expected, "instantiated");
        }
        catch (TrapException e)
        {
            return SpecMessages.TrapMatches(command.Text, e.Code) ? CommandOutcome.Pass : CommandOutcome.Fail(expected, $"trap: {e.Message}");
        }
        catch (LinkException e)
        {
            return SkipForImports(compiled) is { } reason ? CommandOutcome.Skip(reason) : CommandOutcome.Fail(expected, $"link error: {e.Message}");
        }
        catch (Exception e) when (IsEngineFault(e))
        {
            return CommandOutcome.Fail(expected, Crash(e));
        }
    }

    // ---- actions ----

    private CommandOutcome Perform(SpecAction action, IReadOnlyList<ExpectedValue>? expected)
    {
        if (Prepare(action, expected, out var instance) is { } early)
            return early;
        var expectedText = expected is null ? "no trap" : $"[{string.Join(", ", expected)}]";
        Value[] actual;
        try
        {
            actual = Invoke(instance!, action);
        }
        catch (TrapException e)
        {
            return CommandOutcome.Fail(expectedText, $"trap: {e.Message}");
        }
        catch (ActionException e)
        {
            return CommandOutcome.Fail(expectedText, e.Message);
        }
        catch (Exception e) when (IsEngineFault(e))
        {
            return CommandOutcome.Fail(expectedText, Crash(e));
        }
        if (expected is null)
            return CommandOutcome.Pass;
        return ResultsMatch(expected, actual) ? CommandOutcome.Pass : CommandOutcome.Fail(expectedText, $"[{string.Join(", ", actual)}]");
    }

    internal static bool ResultsMatch(IReadOnlyList<ExpectedValue> expected, ReadOnlySpan<Value> actual)
    {
        if (expected.Count != actual.Length)
            return false;
        for (int i = 0; i < actual.Length; i++)
        {
            if (!expected[i].Matches(actual[i]))
                return false;
        }
        return true;
    }

    private CommandOutcome Trap(AssertTrapCommand command)
    {
        if (Prepare(command.Action, null, out var instance) is { } early)
            return early;
        var expected = $"trap: {command.Text}";
        try
        {
            var results = Invoke(instance!, command.Action);
            return CommandOutcome.Fail(expected, $"returned [{string.Join(", ", results)}]");
        }
        catch (TrapException e)
        {
            return SpecMessages.TrapMatches(command.Text, e.Code) ? CommandOutcome.Pass : CommandOutcome.Fail(expected, $"trap: {e.Message}");
        }
        catch (ActionException e)
        {
            return CommandOutcome.Fail(expected, e.Message);
        }
        catch (Exception e) when (IsEngineFault(e))
        {
            return CommandOutcome.Fail(expected, Crash(e));
        }
    }

    /// <summary>Finds the action's instance; a non-null outcome settles the command before it runs (a skip or a missing module).</summary>
    private CommandOutcome? Prepare(SpecAction action, IReadOnlyList<ExpectedValue>? expected, out IInstance? instance)
    {
        instance = null;
        var slot = action.Module is null ? _current : _named.GetValueOrDefault(action.Module);
        if (slot?.SkipReason is { } moduleSkip)
            return CommandOutcome.Skip(moduleSkip);
        foreach (var argument in action.Arguments)
        {
            if (argument.UnsupportedType is { } type)
                return CommandOutcome.Skip(UnsupportedFeature.ForValueType(type) ?? type);
        }
        if (expected is not null)
        {
            foreach (var e in expected)
            {
                if (e.Kind == ExpectedKind.Unsupported)
                    return CommandOutcome.Skip(UnsupportedFeature.ForValueType(e.UnsupportedType ?? "") ?? e.UnsupportedType ?? "unsupported type");
            }
        }
        instance = slot?.Instance;
        if (instance is null)
            return CommandOutcome.Fail($"an instantiated module for {action}", action.Module is null ? "no current module" : $"no instantiated module {action.Module}");
        return null;
    }

    private static Value[] Invoke(IInstance instance, SpecAction action)
    {
        if (action.Kind == SpecActionKind.Get)
        {
            var global = instance.GetGlobal(action.Field) ?? throw new ActionException($"no global export \"{action.Field}\"");
            return [global.Value];
        }
        var function = instance.GetFunction(action.Field) ?? throw new ActionException($"no function export \"{action.Field}\"");
        var type = function.Type;
        if (type.ParamCount != action.Arguments.Count)
            throw new ActionException($"\"{action.Field}\" takes {type.ParamCount} arguments, the script passes {action.Arguments.Count}");
        var arguments = new Value[action.Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = action.Arguments[i].Value;
            if (arguments[i].Type != type.Params[i])
                throw new ActionException($"argument {i} of \"{action.Field}\" is {type.Params[i].Name()}, the script passes {arguments[i]}");
        }
        var results = new Value[type.ResultCount];
        function.Call(arguments, results);
        return results;
    }

    private void MessageMismatch(AssertModuleCommand command, string expected, string actual) =>
        _result.MessageMismatch(new SpecFailure(_script.DisplayName, command.Line, Describe(command), expected, actual));

    /// <summary>
    /// Exceptions an engine should never throw for a spec command (an engine bug such as an index
    /// out of range). They fail the command instead of ending the run, so one bug does not hide the rest.
    /// Process-fatal conditions are not caught.
    /// </summary>
    private static bool IsEngineFault(Exception e) => e is not (OutOfMemoryException or StackOverflowException or OperationCanceledException);

    private static string Crash(Exception e) => $"engine threw {e.GetType().Name}: {e.Message}";

    /// <summary>The script asked for something the instance does not have; the command fails with this message.</summary>
    private sealed class ActionException(string message) : Exception(message);

    /// <summary>A module command's result: its instance, or why it was skipped (both null when it failed).</summary>
    private sealed class ModuleSlot
    {
        public IInstance? Instance;
        public string? SkipReason;
    }
}
