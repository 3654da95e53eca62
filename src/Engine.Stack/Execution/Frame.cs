using Replay.Engine.Stack.Runtime;

namespace Replay.Engine.Stack.Execution;

/// <summary>A suspended caller: where to resume and in which instance.</summary>
internal readonly record struct Frame(int ReturnIp, InstanceContext Context);
