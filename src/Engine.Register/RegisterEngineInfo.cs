using Replay.Wasm;

namespace Replay.Engine.Register;

/// <summary>Identity of the register-machine interpreter.</summary>
public static class RegisterEngineInfo
{
    public static EngineIdentity Identity { get; } = new(
        "register",
        EngineIdentity.VersionOf(typeof(RegisterEngineInfo)),
        "Wasmi 0.32+ register machine, lazy compilation, Wasmi 0.32+ fuel model");
}
