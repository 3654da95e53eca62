namespace Replay.Wasm.SpecTest;

/// <summary>
/// One command of a spec script as wabt's <c>wast2json</c> writes it. <see cref="Line"/> is the
/// line in the original .wast, which is what a failure report must point at.
/// </summary>
public abstract record SpecCommand(int Line)
{
    /// <summary>The command's name in the JSON ("module", "assert_return", ...).</summary>
    public abstract string Kind { get; }
}

/// <summary>Instantiates a module and makes it current; <see cref="Name"/> ("$M") lets later commands address it.</summary>
public sealed record ModuleCommand(int Line, string? Name, string FileName) : SpecCommand(Line)
{
    public override string Kind => "module";
}

/// <summary>Makes a module's exports importable under <see cref="As"/>; no <see cref="Name"/> means the current module.</summary>
public sealed record RegisterCommand(int Line, string? Name, string As) : SpecCommand(Line)
{
    public override string Kind => "register";
}

/// <summary>Performs an action; only a trap or error counts, not the values.</summary>
public sealed record ActionCommand(int Line, SpecAction Action) : SpecCommand(Line)
{
    public override string Kind => "action";
}

/// <summary>Performs an action and compares its results with <see cref="Expected"/>.</summary>
public sealed record AssertReturnCommand(int Line, SpecAction Action, IReadOnlyList<ExpectedValue> Expected) : SpecCommand(Line)
{
    public override string Kind => "assert_return";
}

/// <summary>Performs an action that must trap (<see cref="Exhaustion"/>: by exhausting the call stack) with <see cref="Text"/>.</summary>
public sealed record AssertTrapCommand(int Line, SpecAction Action, string Text, bool Exhaustion) : SpecCommand(Line)
{
    public override string Kind => Exhaustion ? "assert_exhaustion" : "assert_trap";
}

/// <summary>What an assertion about a whole module claims.</summary>
public enum ModuleAssertion : byte
{
    /// <summary>Decodes but fails validation.</summary>
    Invalid,

    /// <summary>Fails to decode (binary) or to parse (text).</summary>
    Malformed,

    /// <summary>Valid, but its imports cannot be resolved or do not match.</summary>
    Unlinkable,

    /// <summary>Links, but instantiation traps (segment bounds, start function).</summary>
    Uninstantiable,
}

/// <summary>
/// An assertion about a module that must fail. <see cref="IsText"/> marks modules wast2json kept as
/// text (<c>module quote</c>): those test the text parser, which is not ours.
/// </summary>
public sealed record AssertModuleCommand(int Line, ModuleAssertion Assertion, string FileName, string Text, bool IsText) : SpecCommand(Line)
{
    public override string Kind => Assertion switch
    {
        ModuleAssertion.Invalid => "assert_invalid",
        ModuleAssertion.Malformed => "assert_malformed",
        ModuleAssertion.Unlinkable => "assert_unlinkable",
        _ => "assert_uninstantiable",
    };
}
