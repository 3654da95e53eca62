namespace Replay.Wasm.Runtime;

/// <summary>
/// Instantiation failed before anything ran: an import is missing or has the wrong type
/// (the spec's assert_unlinkable), or the module needs what the store cannot give.
/// </summary>
public sealed class LinkException : Exception
{
    public LinkException(string message) : base(message) { }
}
