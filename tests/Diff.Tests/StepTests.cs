namespace Replay.Diff.Tests;

public sealed class StepTests
{
    private static HostStep Step(int i, string kind, string fn, string? result = null, params string[] args) => new(i, kind, fn, args, result, (ulong)(100 * i), 0, (ulong)i);

    [Fact]
    public void The_first_differing_step_ignores_costs_and_names_what_differs()
    {
        HostStep[] a = [Step(0, "push", "f"), Step(1, "call", "obj_cmp", null, "0000000000000004", "0000000000000005"), Step(2, "return", "obj_cmp", "0000000000000001")];
        HostStep[] b = [Step(0, "push", "f") with { Cpu = 7, Fuel = 99 }, Step(1, "call", "obj_cmp", null, "0000000000000004", "0000000000000005"), Step(2, "return", "obj_cmp", "0000000000000002")];
        var d = StepDivergence.Find(a, b)!;
        Assert.Equal((2, "different result"), (d.Index, d.Reason));
        Assert.Equal("0000000000000001", d.First!.Result);
        Assert.Null(StepDivergence.Find(a, a));
        Assert.Equal((1, "different arguments"), (StepDivergence.Find(a, [a[0], Step(1, "call", "obj_cmp", null, "0000000000000004")])!.Index, "different arguments"));
        Assert.Equal("the second trace ends here", StepDivergence.Find(a, a[..2])!.Reason);
        Assert.Equal("different step", StepDivergence.Find(a, [Step(0, "push", "g")])!.Reason);
    }
}
