namespace Replay.Replayer.Cli;

/// <summary>
/// An error caused by the environment or the input rather than a bug: printed as one
/// clear line and mapped to <see cref="ExitCodes.Error"/>, never a stack trace.
/// </summary>
public sealed class UserError : Exception
{
    public UserError(string message) : base(message) { }

    public UserError(string message, Exception inner) : base(message, inner) { }
}
