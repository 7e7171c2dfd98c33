using Dapper;
using Npgsql;

namespace CommandCenter.Core.Kpis;

/// <summary>THE definitions of the KPIs (design invariant 5): the wall screen, the case pages and the
/// trend reports all call this, so the same period and scope always give the same numbers. Every KPI is
/// computed with SQL over the raw tables for a period [from, to) at a given <c>now</c>: "now" decides
/// what is still open, overdue, under 督办 or on duty, and nothing stamped after it is counted, so a
/// report can recompute a past period as it stood (the current 督办 level and last 回访 result excepted).
/// Definitions (also in the README's glossary):
/// <list type="bullet">
/// <item>受理量: cases accepted in the period; a duplicate merged into another case is not counted.</item>
/// <item>办结量: cases (not merged duplicates) closed in the period.</item>
/// <item>结案率: of the cases accepted in the period, the share closed by now.</item>
/// <item>按期办结率: of the cases closed in the period, the share closed by their deadline (a case that
///   never got a deadline cannot be late and counts as on time).</item>
/// <item>超期件 / 督办件: cases open at now past their deadline / under 督办 (level ≥ 1).</item>
/// <item>满意率: (满意 + 基本满意) / callbacks made in the period.</item>
/// <item>调解成功率: 调解成功 / mediations concluded in the period (部分达成 reported beside it).</item>
/// <item>就地化解率: disputes resolved (调解成功) at 网格 or 社区 level / disputes resolved in the period.</item>
/// <item>巡查覆盖率: grids with at least one check-in or household visit in the period (up to now) / grids.</item>
/// <item>在岗网格员: workers whose latest start today has no later end, or who checked in during the last 30 minutes.</item>
/// <item>平均响应/办结时长: median and mean of 受理→分流 and 受理→办结 over the cases closed in the period.</item>
/// <item>重复投诉率: reports accepted in the period that were merged as duplicates or reopened after 回访 /
///   all reports accepted in the period (duplicates included, so the rate stays within 0–100%).</item>
/// </list></summary>
public sealed partial class KpiCalculator(NpgsqlDataSource db)
{
    /// <summary>A case counts as accepted in [from, to) — shared by the snapshot and the breakdowns.</summary>
    internal const string AcceptedInPeriod =
        "c.merged_into IS NULL AND c.accepted_at >= @from AND c.accepted_at < @to AND c.accepted_at <= @now";

    /// <summary>A case is open at @now: reported by then and not closed by then.</summary>
    public const string OpenAtNow =
        "c.merged_into IS NULL AND c.reported_at <= @now AND (c.closed_at IS NULL OR c.closed_at > @now)";

    /// <summary><see cref="OpenAtNow"/> split into its two disjoint halves, for reads that go over every open
    /// case on each wall refresh: "not closed" is an index-only scan of cases_open_wall_idx (0170), "closed
    /// after now" (only for a past now, as /replay asks) a range of cases_closed_idx. Written as
    /// <c>SELECT … WHERE {OpenNotClosed} UNION ALL SELECT … WHERE {OpenClosedLater}</c>: the same set of cases.</summary>
    internal const string OpenNotClosed = "c.merged_into IS NULL AND c.reported_at <= @now AND c.closed_at IS NULL";
    internal const string OpenClosedLater = "c.merged_into IS NULL AND c.reported_at <= @now AND c.closed_at > @now";

    /// <summary>Grids inside the scope; @all short-circuits so cases outside every grid count for the whole subdistrict.</summary>
    internal const string ScopeCte = """
        scope AS (
            SELECT g.code FROM grids g
            WHERE (@region::text IS NULL OR g.region_code = @region)
              AND (@community::text IS NULL OR g.community_code = @community)
              AND (@grid::text IS NULL OR g.code = @grid)),
        c AS NOT MATERIALIZED (
            SELECT * FROM cases WHERE @all OR grid_code IN (SELECT code FROM scope))
        """;

    /// <summary>Per worker today: latest start, end, check-in and where they were last seen; the 在岗 rule
    /// is <see cref="OnDuty"/>.</summary>
    internal const string WorkersCte = """
        workers AS (
            SELECT p.worker_id,
                   (array_agg(p.worker_name ORDER BY p.at DESC))[1] AS worker_name,
                   max(p.at) FILTER (WHERE p.kind = 'start' AND p.at >= @dayStart) AS started,
                   max(p.at) FILTER (WHERE p.kind = 'end') AS ended,
                   max(p.at) FILTER (WHERE p.kind IN ('check-in', 'visit')) AS checked_in,
                   max(p.at) AS last_at,
                   (array_agg(p.grid_code ORDER BY p.at DESC))[1] AS last_grid,
                   (array_agg(ST_X(p.location) ORDER BY p.at DESC) FILTER (WHERE p.location IS NOT NULL))[1] AS lon,
                   (array_agg(ST_Y(p.location) ORDER BY p.at DESC) FILTER (WHERE p.location IS NOT NULL))[1] AS lat
            FROM patrol_events p
            WHERE p.at >= least(@dayStart, @now - interval '30 minutes') AND p.at <= @now
            GROUP BY p.worker_id)
        """;

    internal const string OnDuty =
        "((w.started IS NOT NULL AND (w.ended IS NULL OR w.ended < w.started)) OR w.checked_in >= @now - interval '30 minutes')";

    private const string Sql = $"""
        WITH {ScopeCte},
        closed_in AS NOT MATERIALIZED (
            SELECT * FROM c WHERE c.merged_into IS NULL AND c.closed_at >= @from AND c.closed_at < @to AND c.closed_at <= @now),
        med AS NOT MATERIALIZED (
            SELECT * FROM mediations m
            WHERE m.outcome IS NOT NULL AND m.ended_at >= @from AND m.ended_at < @to AND m.ended_at <= @now
              AND (@all OR m.grid_code IN (SELECT code FROM scope))),
        -- The four "open at now" figures in one pass over the open cases (OpenAtNow as its two halves, so
        -- the wall's refresh reads an index of the open cases, not the heap).
        open_now AS (
            SELECT count(*) AS open,
                   count(*) FILTER (WHERE o.deadline_at < @now) AS overdue,
                   count(*) FILTER (WHERE o.supervise_level > 0) AS supervised,
                   count(*) FILTER (WHERE o.priority = 1) AS open_urgent
            FROM (SELECT c.deadline_at, c.supervise_level, c.priority FROM c WHERE {OpenNotClosed}
                  UNION ALL
                  SELECT c.deadline_at, c.supervise_level, c.priority FROM c WHERE {OpenClosedLater}) o),
        {WorkersCte}
        SELECT
            (SELECT count(*) FROM c WHERE {AcceptedInPeriod})::int AS accepted,
            (SELECT count(*) FROM c WHERE {AcceptedInPeriod} AND c.closed_at <= @now)::int AS accepted_and_closed,
            (SELECT count(*) FROM closed_in)::int AS closed,
            (SELECT count(*) FROM closed_in c WHERE c.deadline_at IS NULL OR c.closed_at <= c.deadline_at)::int AS closed_on_time,
            (SELECT overdue FROM open_now)::int AS overdue,
            (SELECT supervised FROM open_now)::int AS supervised,
            (SELECT open FROM open_now)::int AS open,
            (SELECT open_urgent FROM open_now)::int AS open_urgent,
            (SELECT count(*) FROM c WHERE c.merged_into IS NULL AND c.satisfaction IS NOT NULL
                 AND c.callback_at >= @from AND c.callback_at < @to AND c.callback_at <= @now)::int AS callbacks,
            (SELECT count(*) FROM c WHERE c.merged_into IS NULL AND c.satisfaction IN ('满意', '基本满意')
                 AND c.callback_at >= @from AND c.callback_at < @to AND c.callback_at <= @now)::int AS satisfied,
            (SELECT count(*) FROM med)::int AS mediations_concluded,
            (SELECT count(*) FROM med WHERE outcome = '调解成功')::int AS mediations_succeeded,
            (SELECT count(*) FROM med WHERE outcome = '部分达成')::int AS mediations_partial,
            (SELECT count(*) FROM med WHERE outcome = '调解成功')::int AS disputes_resolved,
            (SELECT count(*) FROM med WHERE outcome = '调解成功' AND level IN ('网格', '社区'))::int AS disputes_resolved_locally,
            (SELECT count(*) FROM scope)::int AS grids_total,
            (SELECT count(DISTINCT p.grid_code) FROM patrol_events p
                 WHERE p.kind IN ('check-in', 'visit') AND p.at >= @from AND p.at < @to AND p.at <= @now
                   AND p.grid_code IN (SELECT code FROM scope))::int AS grids_patrolled,
            (SELECT count(*) FROM workers w
                 WHERE {OnDuty}
                   AND (@all OR w.last_grid IN (SELECT code FROM scope)))::int AS workers_on_duty,
            (SELECT count(*) FROM c WHERE c.accepted_at >= @from AND c.accepted_at < @to AND c.accepted_at <= @now)::int AS reports,
            (SELECT count(*) FROM c WHERE c.accepted_at >= @from AND c.accepted_at < @to AND c.accepted_at <= @now
                 AND (c.merged_into IS NOT NULL OR c.reopened_count > 0))::int AS repeat_complaints,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.dispatched_at - c.accepted_at) / 60)
                 FROM closed_in c WHERE c.dispatched_at IS NOT NULL AND c.accepted_at IS NOT NULL) AS response_median_minutes,
            (SELECT avg(extract(epoch FROM c.dispatched_at - c.accepted_at) / 60)::float8
                 FROM closed_in c WHERE c.dispatched_at IS NOT NULL AND c.accepted_at IS NOT NULL) AS response_mean_minutes,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.closed_at - c.accepted_at) / 3600)
                 FROM closed_in c WHERE c.accepted_at IS NOT NULL) AS close_median_hours,
            (SELECT avg(extract(epoch FROM c.closed_at - c.accepted_at) / 3600)::float8
                 FROM closed_in c WHERE c.accepted_at IS NOT NULL) AS close_mean_hours
        """;

    /// <summary>Every KPI for <paramref name="period"/> and <paramref name="scope"/> as they stand at <paramref name="now"/>.</summary>
    public async Task<KpiSnapshot> ComputeAsync(KpiPeriod period, DateTimeOffset now, KpiScope scope, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleAsync<Row>(new CommandDefinition(Sql, Parameters(period, now, scope), cancellationToken: ct));
        return new KpiSnapshot
        {
            From = period.From,
            To = period.To,
            AsOf = now,
            Accepted = row.accepted,
            AcceptedAndClosed = row.accepted_and_closed,
            Closed = row.closed,
            ClosedOnTime = row.closed_on_time,
            Overdue = row.overdue,
            Supervised = row.supervised,
            Open = row.open,
            OpenUrgent = row.open_urgent,
            Callbacks = row.callbacks,
            Satisfied = row.satisfied,
            MediationsConcluded = row.mediations_concluded,
            MediationsSucceeded = row.mediations_succeeded,
            MediationsPartial = row.mediations_partial,
            DisputesResolved = row.disputes_resolved,
            DisputesResolvedLocally = row.disputes_resolved_locally,
            GridsTotal = row.grids_total,
            GridsPatrolled = row.grids_patrolled,
            WorkersOnDuty = row.workers_on_duty,
            Reports = row.reports,
            RepeatComplaints = row.repeat_complaints,
            ResponseMedianMinutes = row.response_median_minutes,
            ResponseMeanMinutes = row.response_mean_minutes,
            CloseMedianHours = row.close_median_hours,
            CloseMeanHours = row.close_mean_hours,
        };
    }

    private static DynamicParameters Parameters(KpiPeriod period, DateTimeOffset now, KpiScope scope)
    {
        var p = new DynamicParameters();
        p.Add("from", period.From.ToUniversalTime());
        p.Add("to", period.To.ToUniversalTime());
        p.Add("now", now.ToUniversalTime());
        p.Add("dayStart", Time.Shanghai.StartOfDay(now).ToUniversalTime());
        p.Add("all", scope.IsAll);
        p.Add("region", scope.RegionCode, System.Data.DbType.String);
        p.Add("community", scope.CommunityCode, System.Data.DbType.String);
        p.Add("grid", scope.GridCode, System.Data.DbType.String);
        return p;
    }

#pragma warning disable IDE1006 // column names as PostgreSQL returns them
    private sealed record Row(int accepted, int accepted_and_closed, int closed, int closed_on_time, int overdue,
        int supervised, int open, int open_urgent, int callbacks, int satisfied, int mediations_concluded,
        int mediations_succeeded, int mediations_partial, int disputes_resolved, int disputes_resolved_locally,
        int grids_total, int grids_patrolled, int workers_on_duty, int reports, int repeat_complaints,
        double? response_median_minutes, double? response_mean_minutes, double? close_median_hours, double? close_mean_hours);
#pragma warning restore IDE1006
}
