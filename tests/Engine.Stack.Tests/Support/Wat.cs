namespace Replay.Engine.Stack.Tests.Support;

/// <summary>Compiles WebAssembly text with wabt's wat2wasm (installed by ./test.sh).</summary>
internal static class Wat
{
    public static byte[] ToWasm(string wat)
    {
        var dir = Directory.CreateTempSubdirectory("stack-wat-");
        try
        {
            var input = Path.Combine(dir.FullName, "m.wat");
            var output = Path.Combine(dir.FullName, "m.wasm");
            File.WriteAllText(input, wat);
            Tool.Run("wat2wasm", $"--enable-all \"{input}\" -o \"{output}\"");
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
