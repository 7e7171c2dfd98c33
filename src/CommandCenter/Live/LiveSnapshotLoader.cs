using System.Collections.Immutable;
using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Privacy;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Live;

/// <summary>Reads the wall's whole state from the database. Recomputing from the tables (rather than
/// patching counters per change) keeps the wall idempotent: a replayed or duplicated change cannot skew a
/// number, and the numbers are by construction those of the Core KPI definitions.</summary>
public sealed class LiveSnapshotLoader(NpgsqlDataSource db, KpiCalculator kpis, CumulativeRecords records, IOptions<LiveOptions> options)
{
    private const string CaseColumns = """
        SELECT c.id, coalesce(c.accepted_at, c.reported_at), cat.name, c.title, c.grid_code, g.name,
               c.reporter_name, c.reporter_phone, c.priority, c.status, ST_X(c.location), ST_Y(c.location)
        FROM cases c
        JOIN categories cat ON cat.code = c.category_code
        LEFT JOIN grids g ON g.code = c.grid_code
        """;

    private const string RecentSql = $"""
        {CaseColumns}
        WHERE c.merged_into IS NULL AND c.reported_at <= @now
        ORDER BY coalesce(c.accepted_at, c.reported_at) DESC, c.id DESC
        LIMIT @limit
        """;

    private const string ByIdSql = $"""
        {CaseColumns}
        WHERE c.id = ANY(@ids)
        """;

    // Past days of the trend change rarely (a late correction, an import or backfill of old records):
    // recompute them when the day turns and once a minute, not on every refresh. A minute, because a
    // freshly started system backfills history right after the wall opens and should not show empty days.
    private static readonly TimeSpan PastDaysMaxAge = TimeSpan.FromMinutes(1);
    private (DateOnly Today, DateTimeOffset At, ImmutableArray<DayCount> PastDays)? _trendCache;

    public async Task<LiveSnapshot> LoadAsync(long position, DateTimeOffset now, CancellationToken ct)
    {
        var today = KpiPeriod.Today(now);
        var kpiTask = Timed("kpis", kpis.ComputeAsync(today, now, KpiScope.All, ct));
        var gridTask = Timed("grids", kpis.GridLoadAsync(today, now, KpiScope.All, ct));
        var workersTask = Timed("workers", kpis.WorkersOnDutyAsync(now, ct));
        var recentTask = Timed("recent", RecentAsync(now, ct));
        var pastTask = Timed("past_days", PastDaysAsync(now, ct));
        // Category mix over the last 7 days: a morning's handful of cases makes a poor donut.
        var week = new KpiPeriod(today.From.AddDays(-6), today.To);
        var categoriesTask = Timed("categories", kpis.AcceptedByCategoryAsync(week, now, KpiScope.All, ct));
        var recordTask = Timed("record", records.LoadAsync(now, ct));
        await Task.WhenAll(kpiTask, gridTask, workersTask, recentTask, pastTask, categoriesTask, recordTask);

        var k = kpiTask.Result;
        var trend = pastTask.Result.Add(new DayCount(today.FirstDay, k.Accepted, k.Closed));
        var grids = gridTask.Result.ToImmutableDictionary(g => g.GridCode,
            g => new GridState(g.Open, g.Overdue, g.Urgent, g.Supervised, g.Patrolled));
        return new LiveSnapshot(k, grids, recentTask.Result, [.. workersTask.Result.Select(MaskWorker)],
            [.. categoriesTask.Result], trend, position, now, now, Healthy: true) { Record = recordTask.Result };
    }

    // Each read's own time (cc.live.refresh.read.duration): the refresh waits for the slowest of them.
    private static async Task<T> Timed<T>(string read, Task<T> task)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try { return await task; }
        finally
        {
            Core.Observability.CommandCenterMetrics.LiveRefreshReadDuration.Record(
                Core.Observability.CommandCenterMetrics.SecondsSince(started), new KeyValuePair<string, object?>("read", read));
        }
    }

    // Grid workers are staff, yet the wall is public to whoever stands in the room: show initials only.
    private static WorkerOnDuty MaskWorker(WorkerOnDuty w) => w with { WorkerName = Masking.Name(w.WorkerName) ?? "" };

    private async Task<ImmutableArray<RecentCase>> RecentAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(RecentSql);
        return await ReadRecentAsync(cmd, now, ct);
    }

    /// <summary>The latest cases together with the change-log position they are the state of, read in one
    /// snapshot: a reader that goes on from that position by <see cref="CreatedCases"/> misses none and
    /// repeats none.</summary>
    public async Task<(long Position, ImmutableArray<RecentCase> Recent)> RecentAtHeadAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        long head;
        await using (var headCmd = new NpgsqlCommand("SELECT coalesce(max(position), 0) FROM change_log", conn, tx))
            head = (long)(await headCmd.ExecuteScalarAsync(ct))!;
        await using var cmd = new NpgsqlCommand(RecentSql, conn, tx);
        var recent = await ReadRecentAsync(cmd, now, ct);
        await tx.CommitAsync(ct);
        return (head, recent);
    }

    /// <summary>These cases as screens may show them (masked), in the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<RecentCase>> CasesAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var cmd = db.CreateCommand(ByIdSql);
        cmd.Parameters.AddWithValue("ids", ids.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var byId = new Dictionary<long, RecentCase>(ids.Count);
        while (await r.ReadAsync(ct))
        {
            var c = ReadCase(r);
            byId[c.Id] = c;
        }
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    private async Task<ImmutableArray<RecentCase>> ReadRecentAsync(NpgsqlCommand cmd, DateTimeOffset now, CancellationToken ct)
    {
        cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
        cmd.Parameters.AddWithValue("limit", options.Value.RecentCases);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = ImmutableArray.CreateBuilder<RecentCase>();
        while (await r.ReadAsync(ct)) list.Add(ReadCase(r));
        return list.ToImmutable();
    }

    // Every text that leaves for a screen or a hub client is masked here, once (design invariant 6).
    private static RecentCase ReadCase(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetFieldValue<DateTimeOffset>(1),
        r.GetString(2),
        Masking.FreeText(r.GetString(3))!,
        r.IsDBNull(4) ? null : r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        Masking.Name(r.IsDBNull(6) ? null : r.GetString(6)),
        Masking.Phone(r.IsDBNull(7) ? null : r.GetString(7)),
        r.GetInt16(8),
        CaseStatus.Label(r.GetString(9)),
        r.IsDBNull(10) ? null : r.GetDouble(10),
        r.IsDBNull(11) ? null : r.GetDouble(11));

    private async Task<ImmutableArray<DayCount>> PastDaysAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        if (_trendCache is { } cache && cache.Today == today && now - cache.At < PastDaysMaxAge) return cache.PastDays;
        // One read for the six days (the same 受理/办结 predicates as a day's snapshot), not six snapshots:
        // /replay builds this for every moment it jumps to.
        var period = new KpiPeriod(Shanghai.StartOfDay(today.AddDays(-6)), Shanghai.StartOfDay(today));
        var rows = await kpis.AcceptedAndClosedByDayAsync(period, now, KpiScope.All, ct);
        var past = rows.Select(r => new DayCount(r.Day, r.Accepted, r.Closed)).ToImmutableArray();
        _trendCache = (today, now, past);
        return past;
    }
}
