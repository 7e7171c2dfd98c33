using CommandCenter.Core.Replica;
using CommandCenter.Core.Trends;
using Npgsql;

namespace CommandCenter.Features.Trends;

/// <summary>The trend readers over one data source: the primary, or the read replica (issue 17).</summary>
public sealed record TrendReaders(NpgsqlDataSource Db, TrendQueries Queries, TrendComparisons Comparisons, TrendCases Cases)
{
    public static TrendReaders Over(NpgsqlDataSource db, TimeProvider clock) =>
        new(db, new TrendQueries(db, clock), new TrendComparisons(db, clock), new TrendCases(db, clock));
}

/// <summary>Hands /trends the readers to use for one page load: over the replica once it has replayed past
/// what this node's wall has seen (<see cref="ReadReplica.ForReadAsync"/>), else over the primary.</summary>
public sealed class TrendReadSource
{
    private readonly ReadReplica? _replica;
    private readonly TrendReaders _primary;
    private readonly TrendReaders? _onReplica;

    public TrendReadSource(NpgsqlDataSource db, TimeProvider clock, ReadReplica? replica = null)
    {
        _replica = replica;
        _primary = TrendReaders.Over(db, clock);
        if (replica?.Replica is { } r) _onReplica = TrendReaders.Over(r, clock);
    }

    public async Task<TrendReaders> ForReadAsync(CancellationToken ct)
    {
        if (_replica is null || _onReplica is null) return _primary;
        var source = await _replica.ForReadAsync(ct);
        return ReferenceEquals(source, _onReplica.Db) ? _onReplica : _primary;
    }
}
