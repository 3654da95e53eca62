using Replay.Soroban.Values;
using static Replay.Tools.Observations.ScriptHost;

namespace Replay.Tools.Observations;

/// <summary>
/// Host-only rs-soroban-env tests ported as scripts: each performs the same host calls with the
/// same inputs as the Rust test of that name (soroban-env-host/src/test/*.rs at d230d7d5), so the
/// recorded steps can be compared with the test's observation trace.
/// </summary>
public static class Scripts
{
    public static IReadOnlyDictionary<string, Action<ScriptHost>> All { get; } = new Dictionary<string, Action<ScriptHost>>(StringComparer.Ordinal)
    {
        ["test__vec__vec_as_seen_by_host"] = s =>
        {
            var v0 = s.VecOfU32(1);
            var v1 = s.VecOfU32(1);
            s.Host.CompareVals(v0, v1);
        },
        ["test__vec__vec_new"] = s =>
        {
            var v = s.Call("vec_new");
            s.Call("vec_len", v);
        },
        ["test__vec__vec_front_and_back"] = s =>
        {
            var obj = s.VecOfU32(1, 2, 3);
            s.Call("vec_front", obj);
            s.Call("vec_back", obj);
        },
        ["test__vec__empty_vec_front"] = s => s.Try("vec_front", s.VecOfU32()),
        ["test__vec__empty_vec_back"] = s => s.Try("vec_back", s.VecOfU32()),
        ["test__vec__vec_put_and_get"] = s =>
        {
            var obj = s.VecOfU32(1, 2, 3);
            var obj1 = s.Call("vec_put", obj, U32(1), U32(9));
            s.Call("vec_get", obj1, U32(1));
        },
        ["test__vec__vec_push_pop_and_len"] = s =>
        {
            var obj = s.VecOfU32();
            s.Call("vec_len", obj);
            var obj1 = s.Call("vec_push_back", obj, U32(1));
            var obj2 = s.Call("vec_push_back", obj1, U32(2));
            s.Call("vec_len", obj2);
            var obj3 = s.Call("vec_pop_back", obj2);
            s.Call("vec_len", obj3);
            var obj4 = s.Call("vec_pop_back", obj3);
            s.Call("vec_len", obj4);
        },
        ["test__vec__vec_pop_empty_vec"] = s => s.Try("vec_pop_back", s.VecOfU32()),
        ["test__vec__vec_push_pop_front"] = s =>
        {
            var obj = s.VecOfU32();
            var vec = s.Call("vec_push_front", obj, U32(1));
            vec = s.Call("vec_push_front", vec, U32(2));
            vec = s.Call("vec_push_front", vec, U32(3));
            var vecRef = s.VecOfU32(3, 2, 1);
            s.Call("obj_cmp", vec, vecRef);
            vec = s.Call("vec_pop_front", vec);
            vecRef = s.VecOfU32(2, 1);
            s.Call("obj_cmp", vec, vecRef);
            vec = s.Call("vec_pop_front", vec);
            vec = s.Call("vec_pop_front", vec);
            s.Try("vec_pop_front", vec);
        },
        ["test__vec__vec_get_out_of_bound"] = s => s.Try("vec_get", s.VecOfU32(1, 2, 3), U32(3)),
        ["test__vec__vec_del_and_cmp"] = s =>
        {
            var obj = s.VecOfU32(1, 2, 3);
            var obj1 = s.Call("vec_del", obj, U32(1));
            var objRef = s.VecOfU32(1, 3);
            s.Call("obj_cmp", obj1, objRef);
        },
        ["test__vec__vec_del_out_of_bound"] = s => s.Try("vec_del", s.VecOfU32(1, 2, 3), U32(3)),
        ["test__vec__vec_slice_and_cmp"] = s =>
        {
            var obj = s.VecOfU32(1, 2, 3);
            var obj1 = s.Call("vec_slice", obj, U32(1), U32(3));
            var objRef = s.VecOfU32(2, 3);
            s.Call("obj_cmp", obj1, objRef);
            var obj2 = s.Call("vec_slice", obj, U32(0), U32(3));
            s.Call("obj_cmp", obj2, obj);
        },
        ["test__vec__vec_slice_start_equal_to_end"] = s =>
        {
            var obj = s.VecOfU32(1, 2, 3);
            var slice = s.Call("vec_slice", obj, U32(1), U32(1));
            s.Host.FromHostVal(slice);
        },
        ["test__vec__vec_slice_start_greater_than_end"] = s => s.Try("vec_slice", s.VecOfU32(1, 2, 3), U32(2), U32(1)),
        ["test__vec__vec_slice_start_out_of_bound"] = s => s.Try("vec_slice", s.VecOfU32(1, 2, 3), U32(0), U32(4)),
        ["test__vec__vec_slice_end_out_of_bound"] = s => s.Try("vec_slice", s.VecOfU32(1, 2, 3), U32(0), U32(4)),
        ["test__vec__vec_insert_and_cmp"] = s =>
        {
            var obj = s.VecOfU32(2);
            var obj1 = s.Call("vec_insert", obj, U32(0), U32(1));
            var objRef = s.VecOfU32(1, 2);
            s.Call("obj_cmp", obj1, objRef);
            var obj2 = s.Call("vec_insert", obj1, U32(2), U32(3));
            objRef = s.VecOfU32(1, 2, 3);
            s.Call("obj_cmp", obj2, objRef);
            var obj3 = s.Call("vec_insert", obj2, U32(2), U32(4));
            objRef = s.VecOfU32(1, 2, 4, 3);
            s.Call("obj_cmp", obj3, objRef);
        },
        ["test__vec__vec_insert_out_of_bound"] = s => s.Try("vec_insert", s.VecOfU32(1, 2, 3), U32(4), U32(9)),
        ["test__vec__vec_append"] = s =>
        {
            var obj0 = s.VecOfU32(1, 2, 3);
            var obj1 = s.VecOfU32(4, 5, 6);
            var obj2 = s.Call("vec_append", obj0, obj1);
            var objRef = s.VecOfU32(1, 2, 3, 4, 5, 6);
            s.Call("obj_cmp", obj2, objRef);
        },
        ["test__vec__vec_append_empty"] = s =>
        {
            var obj0 = s.VecOfU32();
            var obj1 = s.Call("vec_append", obj0, obj0);
            s.Call("obj_cmp", obj0, obj1);
        },
        ["test__vec__vec_index_of"] = s =>
        {
            var obj0 = s.VecOfU32(3, 4, 2, 2, 2, 5);
            s.Call("vec_first_index_of", obj0, U32(2));
            s.Call("vec_last_index_of", obj0, U32(2));
            s.Call("vec_first_index_of", obj0, U32(1));
            s.Call("vec_last_index_of", obj0, U32(1));
        },
        ["test__vec__vec_binary_search"] = s =>
        {
            var obj0 = s.VecOfU32(1, 2, 4, 5, 7, 9);
            s.Call("vec_binary_search", obj0, U32(7));
            s.Call("vec_binary_search", obj0, U32(4));
            s.Call("vec_binary_search", obj0, U32(3));
            s.Call("vec_binary_search", obj0, U32(6));
        },
        ["test__map__map_put_has_and_get"] = s =>
        {
            var obj = s.MapOfU32((1, 2), (2, 4));
            s.Call("map_has", obj, U32(3));
            var obj1 = s.Call("map_put", obj, U32(3), U32(6));
            s.Call("map_has", obj1, U32(3));
            s.Call("map_get", obj1, U32(3));
        },
        ["test__map__map_put_insert_and_remove"] = s =>
        {
            var obj = s.MapOfU32((1, 10), (3, 30));
            obj = s.Call("map_put", obj, U32(0), U32(0));
            obj = s.Call("map_put", obj, U32(2), U32(20));
            obj = s.Call("map_put", obj, U32(4), U32(40));
            var objR = s.MapOfU32((0, 0), (1, 10), (2, 20), (3, 30), (4, 40));
            s.Call("obj_cmp", objR, obj);
            obj = s.Call("map_del", obj, U32(0));
            obj = s.Call("map_del", obj, U32(2));
            obj = s.Call("map_del", obj, U32(4));
            var objO = s.MapOfU32((1, 10), (3, 30));
            s.Call("obj_cmp", objO, obj);
        },
        ["test__map__map_iter_by_index"] = s =>
        {
            var obj = s.MapOfU32((1, 2), (4, 8));
            s.Call("map_key_by_pos", obj, U32(0));
            s.Call("map_key_by_pos", obj, U32(1));
            s.Try("map_key_by_pos", obj, U32(2));
            s.Call("map_val_by_pos", obj, U32(0));
            s.Call("map_val_by_pos", obj, U32(1));
            s.Try("map_val_by_pos", obj, U32(2));
        },
    };
}
