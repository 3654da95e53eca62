namespace Replay.Wasm.SpecTest;

/// <summary>Whether an action calls an exported function or reads an exported global.</summary>
public enum SpecActionKind : byte
{
    Invoke,
    Get,
}

/// <summary>
/// An action of a spec script: <c>invoke</c> of a function with arguments, or <c>get</c> of a global.
/// <see cref="Module"/> is the module's script name ("$M"), or null for the current module.
/// </summary>
public sealed record SpecAction(SpecActionKind Kind, string? Module, string Field, IReadOnlyList<SpecArgument> Arguments)
{
    public override string ToString() => Kind == SpecActionKind.Get
        ? $"get {Module ?? ""}{(Module is null ? "" : " ")}\"{Field}\""
        : $"invoke {Module ?? ""}{(Module is null ? "" : " ")}\"{Field}\"({string.Join(", ", Arguments)})";
}
