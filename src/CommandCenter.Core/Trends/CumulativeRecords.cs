using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using Dapper;
using Npgsql;

namespace CommandCenter.Core.Trends;

/// <summary>Loads the <see cref="CumulativeRecord"/> from the daily rollups (trend_case_daily and
/// trend_mediation_daily): the subdistrict's rows, one per day — index ranges, never a scan of <c>cases</c>,
/// so the wall can ask on every refresh (measured in the README's wall section). The rollups are the KPI
/// definitions summed per day (invariant 5); the rates come from <see cref="KpiSnapshot"/>.
///
/// It does not fold (<see cref="TrendFold"/>): it adds the parts still pending (trend_pending_case,
/// trend_pending_mediation) to the rollups in the same snapshot. A fold moves parts from pending into the
/// rollups in one transaction, so any snapshot sees every part exactly once — the same figures a fold first
/// would give, without the wall's refresh queueing on the folders' lock and its commit on every change.</summary>
public sealed class CumulativeRecords(NpgsqlDataSource db)
{
    // The subdistrict's rows and every pending part (all pending parts sum into the '*' row when folded).
    private const string CaseParts = """
        WITH c AS (
            SELECT t.day, t.reports, t.repeats, t.accepted, t.accepted_closed, t.closed, t.closed_on_time, t.dispatch_n,
                   t.dispatch_us, t.close_n, t.close_us, t.callbacks, t.satisfied, t.unsatisfied
            FROM trend_case_daily t
            WHERE t.area_level = '*' AND t.area_code = '*' AND t.category_code = '*' AND t.channel = '*'
            UNION ALL
            SELECT t.day, t.reports, t.repeats, t.accepted, t.accepted_closed, t.closed, t.closed_on_time, t.dispatch_n,
                   t.dispatch_us, t.close_n, t.close_us, t.callbacks, t.satisfied, t.unsatisfied
            FROM trend_pending_case t)
        """;

    private const string MediationParts = """
        WITH m AS (
            SELECT t.day, t.concluded, t.succeeded, t.partial, t.resolved_locally
            FROM trend_mediation_daily t WHERE t.area_level = '*' AND t.area_code = '*'
            UNION ALL
            SELECT t.day, t.concluded, t.succeeded, t.partial, t.resolved_locally FROM trend_pending_mediation t)
        """;

    // Current = true: this year (@year..@today); false: everything up to @today. Bucket carries the launch, the
    // first day with any case figure (as the rollups' own first row was; later than today when only future days
    // have data), from the same CTE, which the statement reads once.
    private const string Sql = $"""
        {CaseParts}
        SELECT true AS Current, (SELECT min(day) FROM c)::timestamp AS Bucket, {RollupTotals.CaseSums}
        FROM c t WHERE t.day BETWEEN @year AND @today
        UNION ALL
        SELECT false, NULL, {RollupTotals.CaseSums} FROM c t WHERE t.day <= @today;
        {MediationParts}
        SELECT true AS Current, {RollupTotals.MediationSums} FROM m t WHERE t.day BETWEEN @year AND @today
        UNION ALL
        SELECT false, {RollupTotals.MediationSums} FROM m t WHERE t.day <= @today;
        """;

    public async Task<CumulativeRecord> LoadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var yearStart = new DateOnly(today.Year, 1, 1);
        await using var conn = await db.OpenConnectionAsync(ct);
        // One snapshot for both statements: a fold committing between them would otherwise be seen by one only.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var p = new DynamicParameters();
        p.Add("year", yearStart.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        p.Add("today", today.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(Sql, p, tx, cancellationToken: ct));
        var cases = (await grid.ReadAsync<RollupTotals>()).ToDictionary(r => r.Current);
        foreach (var m in await grid.ReadAsync<RollupTotals>()) cases[m.Current].AddMediations(m);
        await tx.CommitAsync(ct);
        // No case figure at all: min() is NULL, which leaves Bucket at its default.
        var launch = cases[true].Bucket == default ? (DateOnly?)null : DateOnly.FromDateTime(cases[true].Bucket);

        var year = cases[true].ToSnapshot(TrendRange.DayPeriod(yearStart, today), now);
        var all = launch is { } day && day <= today ? cases[false].ToSnapshot(TrendRange.DayPeriod(day, today), now) : year;
        return new CumulativeRecord(year, all, launch);
    }
}
