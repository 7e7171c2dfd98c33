using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using Npgsql;

namespace CommandCenter.Core.Trends;

/// <summary>Loads the <see cref="CumulativeRecord"/> from the daily rollups (trend_case_daily and
/// trend_mediation_daily): the year is at most 366 subdistrict rows of each, everything since launch one
/// row per day — index ranges, never a scan of <c>cases</c>, so the wall can ask on every refresh
/// (measured in the README's wall section). The rollups are the KPI definitions summed per day
/// (invariant 5); the rates come from <see cref="KpiSnapshot"/>.</summary>
public sealed class CumulativeRecords(NpgsqlDataSource db, TrendQueries trends, TrendFold? fold = null)
{
    // One fold for the three reads below (the wall asks on every refresh), then the queries without their own.
    private readonly TrendFold _fold = fold ?? TrendFold.For(db);
    private readonly TrendQueries _folded = trends.Unfolded;

    // The first day anything was accepted, closed or called back: the PK's index range for the subdistrict total.
    private const string LaunchSql = """
        SELECT min(day) FROM trend_case_daily
        WHERE area_level = '*' AND area_code = '*' AND category_code = '*' AND channel = '*'
        """;

    public async Task<CumulativeRecord> LoadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        await _fold.EnsureAsync(ct);
        var launch = await LaunchDayAsync(ct);
        var year = await _folded.SnapshotAsync(new DateOnly(today.Year, 1, 1), today, KpiScope.All, ct);
        var all = launch is { } first && first <= today
            ? await _folded.SnapshotAsync(first, today, KpiScope.All, ct)
            : year;
        return new CumulativeRecord(year, all, launch);
    }

    private async Task<DateOnly?> LaunchDayAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(LaunchSql);
        return await cmd.ExecuteScalarAsync(ct) switch
        {
            DateTime d => DateOnly.FromDateTime(d),
            DateOnly d => d,
            _ => null,
        };
    }
}
