using System.Text.Json;

namespace Replay.Tools.HostFnGen;

/// <summary>The Soroban host interface as ../shared/soroban/env.json describes it.</summary>
public sealed record EnvInterface(IReadOnlyList<EnvModule> Modules)
{
    public static EnvInterface Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var modules = new List<EnvModule>();
        foreach (var m in Required(doc.RootElement, "modules", path).EnumerateArray())
        {
            var functions = new List<EnvFunction>();
            foreach (var f in Required(m, "functions", path).EnumerateArray())
            {
                var args = new List<EnvArg>();
                foreach (var a in Required(f, "args", path).EnumerateArray())
                    args.Add(new EnvArg(Str(a, "name", path), Str(a, "type", path)));
                functions.Add(new EnvFunction(
                    Str(f, "export", path), Str(f, "name", path), args, Str(f, "return", path),
                    OptInt(f, "min_supported_protocol"), OptInt(f, "max_supported_protocol")));
            }
            modules.Add(new EnvModule(Str(m, "name", path), Str(m, "export", path), functions));
        }
        return new EnvInterface(modules);
    }

    private static JsonElement Required(JsonElement e, string name, string path) =>
        e.TryGetProperty(name, out var v) ? v : throw new InvalidDataException($"{path}: missing '{name}'");

    private static string Str(JsonElement e, string name, string path) =>
        Required(e, name, path).GetString() ?? throw new InvalidDataException($"{path}: '{name}' is not a string");

    private static int? OptInt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetInt32() : null;
}

public sealed record EnvModule(string Name, string Export, IReadOnlyList<EnvFunction> Functions);

public sealed record EnvFunction(string Export, string Name, IReadOnlyList<EnvArg> Args, string Return, int? MinProtocol, int? MaxProtocol);

public sealed record EnvArg(string Name, string Type);
