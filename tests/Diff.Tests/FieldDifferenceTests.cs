namespace Replay.Diff.Tests;

public sealed class FieldDifferenceTests
{
    [Fact]
    public void Descends_to_the_first_differing_leaf()
    {
        var d = FieldDifference.Between("returnValue", "{\"vec\":[{\"u32\":1},{\"map\":[{\"key\":{\"symbol\":\"a\"},\"val\":{\"u64\":\"7\"}}]}]}",
            "{\"vec\":[{\"u32\":1},{\"map\":[{\"key\":{\"symbol\":\"a\"},\"val\":{\"u64\":\"8\"}}]}]}");
        Assert.Equal(new FieldDifference("returnValue.vec[1].map[0].val.u64", "\"7\"", "\"8\""), d);
        Assert.Equal("returnValue", d!.Field);
    }

    [Fact]
    public void Another_union_arm_stops_at_the_object_with_both_values()
    {
        var d = FieldDifference.Between("returnValue", "{\"u32\":1}", "{\"i32\":1}");
        Assert.Equal(new FieldDifference("returnValue.u32", "1", null), d);
    }

    [Fact]
    public void Equal_json_has_no_difference_and_a_missing_side_is_null()
    {
        Assert.Null(FieldDifference.Between("x", "[1, 2]", "[1,2]"));
        Assert.Equal(new FieldDifference("x", null, "3"), FieldDifference.Between("x", null, "3"));
        Assert.Equal(new FieldDifference("x[2]", "3", null), FieldDifference.Between("x", "[1,2,3]", "[1,2]"));
    }
}
