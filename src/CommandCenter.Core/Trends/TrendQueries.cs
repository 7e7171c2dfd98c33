using CommandCenter.Core.Kpis;
using Dapper;
using Npgsql;

namespace CommandCenter.Core.Trends;

/// <summary>The leaders' trend numbers, read from the rollups only (never the raw cases): the period KPIs
/// of any whole-day range and scope, their series by day / week / month, and 受理量 by category and by
/// channel. Same definitions as <see cref="KpiCalculator"/> (tests recount from raw cases to prove it).</summary>
public sealed class TrendQueries(NpgsqlDataSource db, TimeProvider clock, TrendFold? fold = null)
{
    // Writers leave their rollup parts pending (migration 0160): fold them before reading.
    private readonly TrendFold _fold = fold ?? TrendFold.For(db);

    private static string SeriesSql(string bucket) => $"""
        SELECT {bucket} AS Bucket, {RollupTotals.CaseSums}
        FROM trend_case_daily t
        WHERE {RollupScope.Area} AND t.category_code = '*' AND t.channel = '*' AND t.day BETWEEN @first AND @last
        GROUP BY 1;
        SELECT {bucket} AS Bucket, {RollupTotals.MediationSums}
        FROM trend_mediation_daily t
        WHERE {RollupScope.Area} AND t.day BETWEEN @first AND @last
        GROUP BY 1
        """;

    private static string CategorySql(string bucket) => $"""
        SELECT {bucket} AS Bucket, t.category_code AS Key, min(c.name) AS Label, sum(t.accepted)::bigint AS Accepted
        FROM trend_case_daily t JOIN categories c ON c.code = t.category_code
        WHERE {RollupScope.Area} AND t.category_code = ANY(ARRAY(SELECT code FROM categories)) AND t.channel = '*'
          AND t.day BETWEEN @first AND @last
        GROUP BY 1, 2
        """;

    // Channels are free text from the sources: the subdistrict rows of the range name the ones that occur.
    private static string ChannelSql(string bucket) => $"""
        SELECT {bucket} AS Bucket, t.channel AS Key, t.channel AS Label, sum(t.accepted)::bigint AS Accepted
        FROM trend_case_daily t
        WHERE {RollupScope.Area} AND t.category_code = '*'
          AND t.channel = ANY(ARRAY(SELECT DISTINCT x.channel FROM trend_case_daily x
                                    WHERE x.area_level = '*' AND x.area_code = '*' AND x.category_code = '*' AND x.channel <> '*'
                                      AND x.day BETWEEN @first AND @last))
          AND t.day BETWEEN @first AND @last
        GROUP BY 1, 2
        """;

    /// <summary>The period KPIs of whole Shanghai days <paramref name="first"/>..<paramref name="last"/>.</summary>
    public async Task<KpiSnapshot> SnapshotAsync(DateOnly first, DateOnly last, KpiScope scope, CancellationToken ct)
    {
        var range = new TrendRange(first, last, TrendGranularity.Day);
        var totals = await TotalsAsync(SeriesSql("@first::date"), scope, first, last, ct);
        var t = totals.Values.SingleOrDefault() ?? new RollupTotals();
        return t.ToSnapshot(range.Period, clock.GetUtcNow());
    }

    /// <summary>The same as <see cref="SnapshotAsync(DateOnly, DateOnly, KpiScope, CancellationToken)"/> for a
    /// <see cref="KpiPeriod"/>, which must start and end at Shanghai midnight (rollups hold whole days).</summary>
    public Task<KpiSnapshot> SnapshotAsync(KpiPeriod period, KpiScope scope, CancellationToken ct)
    {
        var first = DayOf(period.From, nameof(period));
        var end = DayOf(period.To, nameof(period));
        return SnapshotAsync(first, end.AddDays(-1), scope, ct);
    }

    /// <summary>One point per bucket of <paramref name="range"/>, empty buckets included.</summary>
    public async Task<IReadOnlyList<TrendPoint>> SeriesAsync(TrendRange range, KpiScope scope, CancellationToken ct)
    {
        var totals = await TotalsAsync(SeriesSql(RollupScope.Bucket(range.Granularity)), scope, range.From, range.To, ct);
        var asOf = clock.GetUtcNow();
        return range.Buckets().Select(b =>
        {
            var period = TrendRange.DayPeriod(b, TrendRange.NextBucket(b, range.Granularity).AddDays(-1));
            return new TrendPoint(b, (totals.GetValueOrDefault(b) ?? new RollupTotals()).ToSnapshot(period, asOf));
        }).ToList();
    }

    /// <summary>受理量 per bucket and category (only categories with cases in the range).</summary>
    public Task<IReadOnlyList<TrendSlice>> ByCategoryAsync(TrendRange range, KpiScope scope, CancellationToken ct) =>
        SlicesAsync(CategorySql(RollupScope.Bucket(range.Granularity)), range, scope, ct);

    /// <summary>受理量 per bucket and source channel.</summary>
    public Task<IReadOnlyList<TrendSlice>> ByChannelAsync(TrendRange range, KpiScope scope, CancellationToken ct) =>
        SlicesAsync(ChannelSql(RollupScope.Bucket(range.Granularity)), range, scope, ct);

    private async Task<IReadOnlyList<TrendSlice>> SlicesAsync(string sql, TrendRange range, KpiScope scope, CancellationToken ct)
    {
        await _fold.EnsureAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<SliceRow>(new CommandDefinition(sql,
            RollupScope.Parameters(scope, range.From, range.To), cancellationToken: ct));
        return rows.Where(r => r.Accepted != 0)
            .Select(r => new TrendSlice(DateOnly.FromDateTime(r.Bucket), r.Key, r.Label, r.Accepted))
            .OrderBy(s => s.Bucket).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
    }

    private async Task<Dictionary<DateOnly, RollupTotals>> TotalsAsync(string sql, KpiScope scope, DateOnly first,
        DateOnly last, CancellationToken ct)
    {
        await _fold.EnsureAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(sql,
            RollupScope.Parameters(scope, first, last), cancellationToken: ct));
        var cases = (await grid.ReadAsync<RollupTotals>()).ToDictionary(r => DateOnly.FromDateTime(r.Bucket));
        foreach (var m in await grid.ReadAsync<RollupTotals>())
        {
            var day = DateOnly.FromDateTime(m.Bucket);
            if (!cases.TryGetValue(day, out var c)) cases[day] = c = new RollupTotals { Bucket = m.Bucket };
            c.AddMediations(m);
        }
        return cases;
    }

    private static DateOnly DayOf(DateTimeOffset instant, string name)
    {
        var local = Time.Shanghai.ToLocal(instant);
        if (local.TimeOfDay != TimeSpan.Zero)
            throw new ArgumentException($"Rollups hold whole Shanghai days; {instant:O} is not a Shanghai midnight.", name);
        return DateOnly.FromDateTime(local.Date);
    }

    private sealed class SliceRow
    {
        public DateTime Bucket { get; set; }
        public string Key { get; set; } = "";
        public string Label { get; set; } = "";
        public long Accepted { get; set; }
    }
}
