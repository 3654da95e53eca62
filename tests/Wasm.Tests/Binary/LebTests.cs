using Replay.Wasm.Binary;

namespace Replay.Wasm.Tests.Binary;

public class LebTests
{
    private static uint U32(params byte[] b)
    {
        var r = new WasmReader(b, 0);
        uint v = r.ReadVarU32();
        Assert.True(r.AtEnd, "all bytes consumed");
        return v;
    }

    private static int S32(params byte[] b)
    {
        var r = new WasmReader(b, 0);
        int v = r.ReadVarS32();
        Assert.True(r.AtEnd, "all bytes consumed");
        return v;
    }

    private static long S64(params byte[] b)
    {
        var r = new WasmReader(b, 0);
        long v = r.ReadVarS64();
        Assert.True(r.AtEnd, "all bytes consumed");
        return v;
    }

    private static long S33(params byte[] b)
    {
        var r = new WasmReader(b, 0);
        return r.ReadVarS33();
    }

    private static void Fails(string rule, Action read)
    {
        var ex = Assert.Throws<WasmDecodeException>(read);
        Assert.Equal(rule, ex.Rule);
    }

    [Fact]
    public void U32Values()
    {
        Assert.Equal(0u, U32(0x00));
        Assert.Equal(127u, U32(0x7F));
        Assert.Equal(128u, U32(0x80, 0x01));
        Assert.Equal(624485u, U32(0xE5, 0x8E, 0x26));
        Assert.Equal(uint.MaxValue, U32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        // Padding with zero continuation bytes is allowed up to the 5-byte limit.
        Assert.Equal(0u, U32(0x80, 0x80, 0x80, 0x80, 0x00));
        Assert.Equal(3u, U32(0x83, 0x80, 0x00));
    }

    [Fact]
    public void U32Limits()
    {
        Fails("integer representation too long", () => U32(0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
        Fails("integer too large", () => U32(0xFF, 0xFF, 0xFF, 0xFF, 0x1F));
        Fails("integer too large", () => U32(0x80, 0x80, 0x80, 0x80, 0x70));
        Fails("unexpected end of section or function", () => U32(0x80, 0x80));
        Fails("unexpected end of section or function", () => U32());
    }

    [Fact]
    public void S32Values()
    {
        Assert.Equal(0, S32(0x00));
        Assert.Equal(-1, S32(0x7F));
        Assert.Equal(63, S32(0x3F));
        Assert.Equal(-64, S32(0x40));
        Assert.Equal(-123456, S32(0xC0, 0xBB, 0x78));
        Assert.Equal(int.MaxValue, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x07));
        Assert.Equal(int.MinValue, S32(0x80, 0x80, 0x80, 0x80, 0x78));
        Assert.Equal(-1, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
        Assert.Equal(0, S32(0x80, 0x80, 0x80, 0x80, 0x00));
    }

    [Fact]
    public void S32Limits()
    {
        Fails("integer representation too long", () => S32(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
        // Unused bits must repeat the sign bit (bit 3 of the fifth byte).
        Fails("integer too large", () => S32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        Fails("integer too large", () => S32(0x80, 0x80, 0x80, 0x80, 0x70));
        Fails("integer too large", () => S32(0x80, 0x80, 0x80, 0x80, 0x1F));
    }

    [Fact]
    public void S64Values()
    {
        Assert.Equal(long.MaxValue, S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00));
        Assert.Equal(long.MinValue, S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F));
        Assert.Equal(-1L, S64(0x7F));
        Assert.Equal(1L << 40, S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x20));
    }

    [Fact]
    public void S64Limits()
    {
        Fails("integer representation too long", () => S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
        Fails("integer too large", () => S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
        Fails("integer too large", () => S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7E));
    }

    [Fact]
    public void S33ForBlockTypes()
    {
        Assert.Equal(5L, S33(0x05));
        Assert.Equal(uint.MaxValue, S33(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        Assert.Equal(-1L, S33(0x7F));
        Fails("integer too large", () => S33(0xFF, 0xFF, 0xFF, 0xFF, 0x2F));
        Fails("integer representation too long", () => S33(0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
    }

    [Fact]
    public void ErrorsCarryAbsoluteOffsets()
    {
        byte[] data = [0x80, 0x80, 0x80, 0x80, 0x80, 0x00];
        var ex = Assert.Throws<WasmDecodeException>(() => new WasmReader(data, 100, 7).ReadVarU32());
        Assert.Equal(104, ex.Offset);
        Assert.Equal(7, ex.FunctionIndex);
        Assert.Contains("function 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesMustBeUtf8()
    {
        byte[] good = [0x03, 0xE2, 0x82, 0xAC];
        Assert.Equal("€", new WasmReader(good, 0).ReadName());
        Fails("malformed UTF-8 encoding", () => new WasmReader([0x02, 0xC0, 0x80], 0).ReadName()); // overlong NUL
        Fails("malformed UTF-8 encoding", () => new WasmReader([0x03, 0xED, 0xA0, 0x80], 0).ReadName()); // surrogate
        Fails("malformed UTF-8 encoding", () => new WasmReader([0x01, 0xFF], 0).ReadName());
        Fails("length out of bounds", () => new WasmReader([0x05, 0x41], 0).ReadName());
    }

    [Fact]
    public void CountsAreCheckedAgainstRemainingBytes()
    {
        Fails("length out of bounds", () => new WasmReader([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00], 0).ReadCount());
        Assert.Equal(2, new WasmReader([0x02, 0x00, 0x00], 0).ReadCount());
    }
}
