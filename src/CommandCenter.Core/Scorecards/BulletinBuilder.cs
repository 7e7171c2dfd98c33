using System.Globalization;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Privacy;
using CommandCenter.Core.Time;
using Dapper;
using Npgsql;

namespace CommandCenter.Core.Scorecards;

/// <summary>Computes a month's 通报 with a given scorecard version: the three rankings from the rollups, the
/// 红榜 / 黑榜, and the month's 超期 and 纠风办 cases by name (titles and reporters masked).</summary>
public sealed class BulletinBuilder(NpgsqlDataSource db, ScoreRanking ranking, TimeProvider clock)
{
    /// <summary>At most this many cases are named per list; the totals say how many there were.</summary>
    public const int CaseLimit = 30;

    // Same predicate as the rollup's 超期件 (deadline in the month and before today, not closed by it). Open
    // cases come from the open-deadline index, late closures from the closed_at index (they closed after
    // a deadline inside the month, so after the month began).
    private const string OverdueSql = """
        WITH late AS (
            SELECT c.* FROM cases c
            WHERE c.closed_at IS NULL AND c.deadline_at IS NOT NULL AND c.deadline_at >= @from AND c.deadline_at < @to
              AND c.deadline_at < @today AND c.merged_into IS NULL
            UNION ALL
            SELECT c.* FROM cases c
            WHERE c.closed_at >= @from AND c.closed_at > c.deadline_at AND c.deadline_at >= @from AND c.deadline_at < @to
              AND c.deadline_at < @today AND c.merged_into IS NULL)
        SELECT l.id AS Id, l.title AS Title, coalesce(d.name, g.name, cm.name, l.assignee_code, '未分流') AS Unit,
               coalesce(l.grid_code, '') AS Grid, l.reporter_name AS Reporter, l.status AS Status,
               l.deadline_at AS At, l.closed_at AS ClosedAt,
               extract(epoch FROM coalesce(l.closed_at, @now) - l.deadline_at)::float8 / 3600 AS Hours,
               count(*) OVER ()::int AS Total
        FROM late l
        LEFT JOIN departments d ON d.code = l.assignee_code
        LEFT JOIN grids g ON g.code = l.assignee_code
        LEFT JOIN communities cm ON cm.code = l.assignee_code
        ORDER BY Hours DESC, l.id
        LIMIT @limit
        """;

    // The first escalation of each case (as the rollup counts it), for cases marked 纠风办.
    private const string JfbSql = """
        WITH j AS (
            SELECT c.*, coalesce(e.at, c.callback_at) AS escalated_at FROM cases c
            LEFT JOIN LATERAL (SELECT min(x.at) AS at FROM case_events x
                               WHERE x.case_id = c.id AND x.data ->> 'escalatedJfb' = 'true') e ON true
            WHERE c.escalated_jfb)
        SELECT j.id AS Id, j.title AS Title, coalesce(d.name, g.name, cm.name, j.assignee_code, '未分流') AS Unit,
               coalesce(j.grid_code, '') AS Grid, j.reporter_name AS Reporter, j.status AS Status,
               j.escalated_at AS At, j.closed_at AS ClosedAt, j.unsatisfied_count::float8 AS Hours,
               count(*) OVER ()::int AS Total
        FROM j
        LEFT JOIN departments d ON d.code = j.assignee_code
        LEFT JOIN grids g ON g.code = j.assignee_code
        LEFT JOIN communities cm ON cm.code = j.assignee_code
        WHERE j.escalated_at >= @from AND j.escalated_at < @to
        ORDER BY j.escalated_at, j.id
        LIMIT @limit
        """;

    public async Task<BulletinContent> BuildAsync(ScorePeriod month, ScorecardVersion scorecard, CancellationToken ct)
    {
        var rankings = await ranking.RankAllAsync(month, scorecard, ct);
        var d = scorecard.Definition;
        var now = clock.GetUtcNow();
        var p = new DynamicParameters();
        p.Add("from", Shanghai.StartOfDay(month.First).ToUniversalTime());
        p.Add("to", Shanghai.StartOfDay(month.Last.AddDays(1)).ToUniversalTime());
        p.Add("today", Shanghai.StartOfDay(now).ToUniversalTime());
        p.Add("now", now.ToUniversalTime());
        p.Add("limit", CaseLimit);
        await using var conn = await db.OpenConnectionAsync(ct);
        var overdue = (await conn.QueryAsync<CaseRow>(new CommandDefinition(OverdueSql, p, cancellationToken: ct))).ToList();
        var jfb = (await conn.QueryAsync<CaseRow>(new CommandDefinition(JfbSql, p, cancellationToken: ct))).ToList();

        return new BulletinContent
        {
            Month = month.First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            Title = $"雉城街道{month.Label}考核通报",
            PeriodLabel = $"{month.First:yyyy-MM-dd} 至 {month.Last:yyyy-MM-dd}",
            ScorecardVersion = scorecard.Version,
            ScorecardNote = scorecard.Note,
            Items = [.. d.Items.Select(i => new BulletinItem(i.Name, i.Rule, ScoreMetric.Definition(i.Metric), i.IsDeduction))],
            FocusCount = d.FocusCount,
            Sections = [.. rankings.Select(r => Section(r, d))],
            OverdueCases = [.. overdue.Select(c => c.ToCase($"超期 {c.Hours:0.0} 小时{(c.ClosedAt is null ? "，仍未办结" : "")}"))],
            OverdueTotal = overdue.FirstOrDefault()?.Total ?? 0,
            JfbCases = [.. jfb.Select(c => c.ToCase($"不满意 {c.Hours:0} 次"))],
            JfbTotal = jfb.FirstOrDefault()?.Total ?? 0,
            ComputedAt = now,
        };
    }

    private static BulletinSection Section(Ranking r, ScorecardDefinition d)
    {
        var rows = r.Rows;
        var red = rows.Where(x => x.Rank <= d.ListCount).ToList();
        var black = rows.Count <= d.ListCount ? [] : rows
            .Where(x => rows.Count(o => o.Score.Total < x.Score.Total) < d.ListCount && !red.Contains(x))
            .OrderBy(x => x.Score.Total).ThenBy(x => x.Code, StringComparer.Ordinal).ToList();
        return new BulletinSection(UnitKinds.Code(r.Kind), UnitKinds.Label(r.Kind),
            [.. rows.Select(x => new BulletinRow(x.Rank, x.Code, x.Name, x.Score.Total, x.Change, x.RankChange, x.Focus,
                [.. x.Score.Items.Select(i => i.IsDeduction ? -i.Points : i.Points)], x.Metrics.Closed,
                Percent(x.Metrics.OnTimeRate), Percent(x.Metrics.SatisfactionRate), x.Metrics.Overdue, x.Metrics.Jfb))],
            [.. red.Select(x => x.Name)], [.. black.Select(x => x.Name)]);
    }

    private static string Percent(double? rate) => rate is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private sealed class CaseRow
    {
        public long Id { get; set; }
        public string Title { get; set; } = "";
        public string Unit { get; set; } = "";
        public string Grid { get; set; } = "";
        public string? Reporter { get; set; }
        public string Status { get; set; } = "";
        public DateTime? At { get; set; }
        public DateTime? ClosedAt { get; set; }
        public double Hours { get; set; }
        public int Total { get; set; }

        public BulletinCase ToCase(string detail) => new(Id, Masking.FreeText(Title) ?? "", Unit, Grid, Masking.Name(Reporter) ?? "—",
            CaseStatus.Label(Status),
            At is { } at ? Shanghai.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
            detail);
    }
}
