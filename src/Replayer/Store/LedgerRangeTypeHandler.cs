using System.Data;
using Dapper;
using NpgsqlTypes;
using Replay.History;

namespace Replay.Replayer.Store;

/// <summary>
/// Maps <see cref="LedgerRange"/> to PostgreSQL's int8range, so range queries
/// ("which runs covered ledger N", overlap checks for resuming) run in the database.
/// </summary>
public sealed class LedgerRangeTypeHandler : SqlMapper.TypeHandler<LedgerRange>
{
    private static int _registered;

    /// <summary>Registers the handler with Dapper once per process.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            SqlMapper.AddTypeHandler(new LedgerRangeTypeHandler());
    }

    public override void SetValue(IDbDataParameter parameter, LedgerRange value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.Value = value.Last is { } last
            ? new NpgsqlRange<long>(value.First, true, last, true)
            : new NpgsqlRange<long>(value.First, true, false, 0, false, true);
        if (parameter is Npgsql.NpgsqlParameter p)
            p.NpgsqlDbType = NpgsqlDbType.Range | NpgsqlDbType.Bigint;
    }

    public override LedgerRange Parse(object value)
    {
        if (value is not NpgsqlRange<long> range || range.IsEmpty || range.LowerBoundInfinite)
            throw new DataException($"not a ledger range: {value}");
        // PostgreSQL normalises discrete ranges to [lower, upper).
        var first = range.LowerBound + (range.LowerBoundIsInclusive ? 0 : 1);
        uint? last = range.UpperBoundInfinite ? null : checked((uint)(range.UpperBound - (range.UpperBoundIsInclusive ? 0 : 1)));
        return new LedgerRange(checked((uint)first), last);
    }
}
