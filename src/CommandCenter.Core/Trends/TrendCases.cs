using CommandCenter.Core.Cases;
using CommandCenter.Core.Kpis;
using Dapper;
using Npgsql;

namespace CommandCenter.Core.Trends;

/// <summary>The raw cases at the bottom of a drill-down and the overdue ranking. Both read bounded sets
/// (one scope's cases of one period; the open cases) with the KPI definitions' own predicates, so the
/// list behind a number has exactly that many rows.</summary>
public sealed class TrendCases(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>At most this many cases are listed; the page says so when a list is cut.</summary>
    public const int ListLimit = 2000;

    private const string ListSql = $"""
        WITH {KpiCalculator.ScopeCte}
        SELECT c.id AS Id, c.accepted_at AS AcceptedAt, coalesce(c.grid_code, '') AS GridCode, cat.name AS Category,
               c.channel AS Channel, c.title AS Title, c.status AS Status,
               coalesce(d.name, g.name, cm.name, c.assignee_code) AS Assignee, c.deadline_at AS DeadlineAt, c.closed_at AS ClosedAt
        FROM c JOIN categories cat ON cat.code = c.category_code
        LEFT JOIN departments d ON d.code = c.assignee_code
        LEFT JOIN grids g ON g.code = c.assignee_code
        LEFT JOIN communities cm ON cm.code = c.assignee_code
        WHERE {KpiCalculator.AcceptedInPeriod}
        ORDER BY c.accepted_at DESC, c.id DESC
        LIMIT @limit
        """;

    private static readonly string OverdueSql = $"""
        WITH {KpiCalculator.ScopeCte}
        SELECT {UnitSql.Key("c.assignee_code")} AS Code, {UnitSql.Name("c.assignee_code")} AS Name,
               count(*)::int AS Overdue,
               max(extract(epoch FROM @now - c.deadline_at) / 3600)::float8 AS MaxOverdueHours
        FROM c {UnitSql.Joins("c.assignee_code")}
        WHERE {KpiCalculator.OpenAtNow} AND c.deadline_at < @now
          AND c.closed_at IS NULL -- implied by OpenAtNow; spelled out so the open-cases partial index applies
        GROUP BY 1, 2
        ORDER BY 3 DESC, 4 DESC
        """;

    /// <summary>The cases counted in 受理量 for <paramref name="scope"/> on days
    /// <paramref name="first"/>..<paramref name="last"/>, newest first.</summary>
    public async Task<IReadOnlyList<CaseListRow>> ListAsync(KpiScope scope, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var period = TrendRange.DayPeriod(first, last);
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        var p = Parameters(scope, period, now);
        p.Add("limit", ListLimit);
        var rows = await conn.QueryAsync<ListRow>(new CommandDefinition(ListSql, p, cancellationToken: ct));
        // Titles are free text and may quote a phone or ID number: masked here, so page and CSV agree.
        return rows.Select(r => new CaseListRow(r.Id, r.AcceptedAt, r.GridCode, r.Category, r.Channel, Privacy.Masking.FreeText(r.Title) ?? "",
                CaseStatus.Label(r.Status), r.Assignee, r.DeadlineAt, r.ClosedAt,
                Late: r.DeadlineAt is { } d && (r.ClosedAt ?? now) > d))
            .ToList();
    }

    /// <summary>Units ranked by their open cases past deadline now (超期件, the same predicate as the KPI).</summary>
    public async Task<IReadOnlyList<OverdueRow>> OverdueRankingAsync(KpiScope scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<OverdueTotals>(new CommandDefinition(OverdueSql,
            Parameters(scope, new KpiPeriod(now, now), now), cancellationToken: ct))).ToList();
        return rows.Select(r => new OverdueRow(1 + rows.Count(o => o.Overdue > r.Overdue), r.Code, r.Name, r.Overdue,
            Math.Round(r.MaxOverdueHours, 1))).ToList();
    }

    private static DynamicParameters Parameters(KpiScope scope, KpiPeriod period, DateTimeOffset now)
    {
        var p = new DynamicParameters();
        p.Add("from", period.From.ToUniversalTime());
        p.Add("to", period.To.ToUniversalTime());
        p.Add("now", now.ToUniversalTime());
        p.Add("all", scope.IsAll);
        p.Add("region", scope.RegionCode, System.Data.DbType.String);
        p.Add("community", scope.CommunityCode, System.Data.DbType.String);
        p.Add("grid", scope.GridCode, System.Data.DbType.String);
        return p;
    }

    private sealed class ListRow
    {
        public long Id { get; set; }
        public DateTime AcceptedAt { get; set; }
        public string GridCode { get; set; } = "";
        public string Category { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Title { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Assignee { get; set; }
        public DateTime? DeadlineAt { get; set; }
        public DateTime? ClosedAt { get; set; }
    }

    private sealed class OverdueTotals
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public int Overdue { get; set; }
        public double MaxOverdueHours { get; set; }
    }
}
