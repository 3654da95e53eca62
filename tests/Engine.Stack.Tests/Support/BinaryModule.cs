namespace Replay.Engine.Stack.Tests.Support;

/// <summary>
/// Hand-assembled modules for shapes text tools cannot produce (wat2wasm recurses on deep
/// nesting) or that would be huge as text (tens of thousands of locals).
/// </summary>
internal static class BinaryModule
{
    /// <summary>
    /// A module with one function of type [] → <paramref name="result"/> (0 for none), exported
    /// as "f", whose body is <paramref name="locals"/> then <paramref name="code"/> (with its final end).
    /// </summary>
    public static byte[] SingleFunction(byte result, byte[] locals, byte[] code)
    {
        byte[] body = [.. locals, .. code];
        byte[] sizedBody = [.. Leb((uint)body.Length), .. body];
        byte[] type = result == 0 ? [0x60, 0x00, 0x00] : [0x60, 0x00, 0x01, result];
        return
        [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, .. Leb((uint)type.Length + 1), 0x01, .. type,
            0x03, 0x02, 0x01, 0x00,
            0x07, 0x05, 0x01, 0x01, (byte)'f', 0x00, 0x00,
            0x0A, .. Leb((uint)sizedBody.Length + 1), 0x01, .. sizedBody,
        ];
    }

    /// <summary>Local declarations: one run of <paramref name="count"/> locals of <paramref name="type"/>.</summary>
    public static byte[] Locals(uint count, byte type) => count == 0 ? [0x00] : [0x01, .. Leb(count), type];

    public static byte[] Leb(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
        return [.. bytes];
    }
}
