using CommandCenter.Core.Replica;
using CommandCenter.Core.Trends;
using Npgsql;

namespace CommandCenter.Features.Trends;

/// <summary>The trend readers over one data source: the primary, or the read replica (issue 17).</summary>
public sealed record TrendReaders(NpgsqlDataSource Db, TrendQueries Queries, TrendComparisons Comparisons, TrendCases Cases)
{
    public static TrendReaders Over(NpgsqlDataSource db, TimeProvider clock, TrendFold? fold = null) =>
        new(db, new TrendQueries(db, clock, fold), new TrendComparisons(db, clock, fold), new TrendCases(db, clock));
}

/// <summary>Hands /trends the readers to use for one page load. First the pending rollup parts are folded on the
/// primary (<see cref="TrendFold"/>; one fold per page load, so its readers do not fold again); then the readers
/// go over the replica once it has replayed past that fold and what this node's wall has seen
/// (<see cref="ReadReplica.ForReadAsync"/>), else over the primary.</summary>
public sealed class TrendReadSource
{
    private readonly ReadReplica? _replica;
    private readonly TrendFold _fold;
    private readonly TrendReaders _primary;
    private readonly TrendReaders? _onReplica;

    public TrendReadSource(NpgsqlDataSource db, TimeProvider clock, ReadReplica? replica = null, TrendFold? fold = null)
    {
        _replica = replica;
        _fold = fold ?? TrendFold.For(db);
        _primary = TrendReaders.Over(db, clock, TrendFold.None);
        if (replica?.Replica is { } r) _onReplica = TrendReaders.Over(r, clock, TrendFold.None);
    }

    public async Task<TrendReaders> ForReadAsync(CancellationToken ct)
    {
        await _fold.EnsureAsync(ct);
        if (_replica is null || _onReplica is null) return _primary;
        // The replica cannot fold: it must have replayed the primary's fold (and everything before it).
        var source = await _replica.ForReadAsync(ct, afterPrimaryWrite: true);
        return ReferenceEquals(source, _onReplica.Db) ? _onReplica : _primary;
    }
}
