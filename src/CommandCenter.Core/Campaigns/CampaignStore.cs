using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Campaigns;

/// <summary>专项任务: created, ended and put on the walls by 值班员 and 领导 (checked here as well as by the pages'
/// policy), each in one transaction with its audit line and a <see cref="CampaignChange"/>; read for the desk, the
/// phone, /trends and the wall.</summary>
public sealed class CampaignStore(NpgsqlDataSource db, TimeProvider clock)
{
    public const int MaxCounters = 6;

    public static bool MayManage(string? role) => role is Roles.Officer or Roles.Leader;

    private const string Columns = """
        c.id, c.title, c.description, c.starts_on, c.ends_on, c.scope, c.created_at, c.created_by, c.ended_at, c.ended_by, c.on_wall_at,
        (SELECT coalesce(array_agg(k.label ORDER BY k.ord), '{}') FROM campaign_counters k WHERE k.campaign_id = c.id),
        (SELECT coalesce(array_agg(coalesce(k.grid_target, 0) ORDER BY k.ord), '{}') FROM campaign_counters k WHERE k.campaign_id = c.id),
        (SELECT count(*)::int FROM campaign_grids g WHERE g.campaign_id = c.id)
        """;

    /// <summary>Creates a campaign, or returns why not (Chinese, naming the field).</summary>
    public async Task<(long? Id, string? Error)> CreateAsync(CampaignDraft d, AuditActor actor, CancellationToken ct)
    {
        if (!MayManage(actor.Role)) return (null, "只有值班员和领导可以创建专项任务");
        var title = d.Title?.Trim() ?? "";
        var counters = d.Counters.Select(c => (Label: c.Label?.Trim() ?? "", c.GridTarget)).Where(c => c.Label.Length > 0 || c.GridTarget is not null).ToList();
        if (title.Length == 0) return (null, "请填写任务名称");
        if (title.Length > 60) return (null, "任务名称不超过 60 字");
        if ((d.Description?.Length ?? 0) > 1000) return (null, "任务说明不超过 1000 字");
        if (d.StartsOn is not { } from) return (null, "请填写开始日期");
        if (d.EndsOn is not { } to) return (null, "请填写结束日期");
        if (to < from) return (null, "结束日期不能早于开始日期");
        if (to.DayNumber - from.DayNumber > 366) return (null, "任务周期不超过一年");
        if (counters.Count == 0) return (null, "请至少填写一个计数项（第一项为基数，如「排查户数」）");
        if (counters.Count > MaxCounters) return (null, $"计数项不超过 {MaxCounters} 个");
        for (var i = 0; i < counters.Count; i++)
        {
            var (label, target) = counters[i];
            if (label.Length == 0) return (null, $"第 {i + 1} 个计数项缺少名称");
            if (label.Length > 12) return (null, $"计数项「{label}」的名称不超过 12 字");
            if (target is <= 0 or > 100000) return (null, $"计数项「{label}」的每格目标须在 1–100000 之间（不设目标请留空）");
            if (counters.Take(i).Any(c => c.Label == label)) return (null, $"计数项「{label}」重复");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (grids, scope, scopeError) = await TargetGridsAsync(conn, tx, d, ct);
        if (scopeError is not null) return (null, scopeError);
        var now = clock.GetUtcNow();
        long id;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO campaigns (title, description, starts_on, ends_on, scope, created_at, created_by)
            VALUES (@title, @description, @from, @to, @scope, @now, @by) RETURNING id
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("title", title);
            cmd.Parameters.AddWithValue("description", d.Description?.Trim() ?? "");
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            cmd.Parameters.AddWithValue("scope", scope);
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("by", actor.Name);
            id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO campaign_counters (campaign_id, ord, label, grid_target)
            SELECT @id, o - 1, l, nullif(t, 0) FROM unnest(@labels::text[], @targets::int[]) WITH ORDINALITY AS u(l, t, o)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("labels", counters.Select(c => c.Label).ToArray());
            cmd.Parameters.AddWithValue("targets", counters.Select(c => c.GridTarget ?? 0).ToArray());
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO campaign_grids (campaign_id, grid_code, grid_name, region_name)
            SELECT @id, g.code, g.name, r.name FROM grids g LEFT JOIN regions r ON r.code = g.region_code WHERE g.code = ANY(@codes)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("codes", grids);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.CampaignCreated, $"专项任务 #{id} {title}", actor.Ip,
            Details: new Dictionary<string, string?>
            {
                ["period"] = $"{from:yyyy-MM-dd}–{to:yyyy-MM-dd}", ["scope"] = scope,
                ["counters"] = string.Join("、", counters.Select(c => c.GridTarget is { } t ? $"{c.Label}(每格{t})" : c.Label)),
            }), now, ct);
        await ChangeLog.AppendAsync(conn, tx, new CampaignChange(CampaignChange.Created, id, []), ct);
        await tx.CommitAsync(ct);
        return (id, null);
    }

    // The grid codes a draft targets and how the page names that choice; or an error.
    private static async Task<(string[] Grids, string Scope, string? Error)> TargetGridsAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        CampaignDraft d, CancellationToken ct)
    {
        switch (d.Scope)
        {
            case CampaignScope.All:
            {
                var all = await CodesAsync(conn, tx, "SELECT code FROM grids ORDER BY code", null, ct);
                return all.Length == 0 ? ([], "", "还没有网格，请先导入网格") : (all, "全部网格", null);
            }
            case CampaignScope.Regions:
            {
                if (d.RegionCodes.Count == 0) return ([], "", "请选择至少一个片区");
                var names = await CodesAsync(conn, tx, "SELECT name FROM regions WHERE code = ANY(@v) ORDER BY code", d.RegionCodes.ToArray(), ct);
                if (names.Length != d.RegionCodes.Distinct().Count()) return ([], "", "所选片区有的已不存在，请刷新后重选");
                var codes = await CodesAsync(conn, tx, "SELECT code FROM grids WHERE region_code = ANY(@v) ORDER BY code", d.RegionCodes.ToArray(), ct);
                return codes.Length == 0 ? ([], "", "所选片区没有网格") : (codes, "片区：" + string.Join("、", names), null);
            }
            default:
            {
                var wanted = d.GridCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToArray();
                if (wanted.Length == 0) return ([], "", "请选择至少一个网格");
                var found = await CodesAsync(conn, tx, "SELECT code FROM grids WHERE code = ANY(@v) ORDER BY code", wanted, ct);
                var missing = wanted.Except(found).ToList();
                if (missing.Count > 0) return ([], "", $"网格 {string.Join("、", missing.Take(5))}{(missing.Count > 5 ? " 等" : "")} 不存在");
                return (found, $"指定 {found.Length} 个网格", null);
            }
        }
    }

    private static async Task<string[]> CodesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, string[]? values, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        if (values is not null) cmd.Parameters.AddWithValue("v", values);
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return [.. list];
    }

    public async Task<Campaign?> GetAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM campaigns c WHERE c.id = @id");
        cmd.Parameters.AddWithValue("id", id);
        var list = await ReadAsync(cmd, ct);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>Every campaign with its totals over all its grids, newest first.</summary>
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns},
                   (SELECT count(*)::int FROM campaign_progress p WHERE p.campaign_id = c.id),
                   (SELECT coalesce(array_agg(s ORDER BY o), ARRAY[]::int[]) FROM (
                        SELECT o, sum(t)::int AS s FROM campaign_progress p, unnest(p.totals) WITH ORDINALITY AS u(t, o)
                        WHERE p.campaign_id = c.id GROUP BY o) x)
            FROM campaigns c ORDER BY c.id DESC LIMIT 200
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CampaignSummary>();
        while (await r.ReadAsync(ct))
        {
            var c = Read(r);
            var sums = r.GetFieldValue<int[]>(15);
            list.Add(new CampaignSummary(c, Pad(sums, c.Counters.Count), r.GetInt32(14)));
        }
        return list;
    }

    /// <summary>The campaigns running today that target any of <paramref name="gridCodes"/> (a worker's phone).</summary>
    public async Task<IReadOnlyList<Campaign>> RunningForGridsAsync(IReadOnlyCollection<string> gridCodes, CancellationToken ct)
    {
        var today = Campaign.Today(clock.GetUtcNow());
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM campaigns c
            WHERE c.ended_at IS NULL AND c.starts_on <= @today AND c.ends_on >= @today
              AND EXISTS (SELECT 1 FROM campaign_grids g WHERE g.campaign_id = c.id AND g.grid_code = ANY(@grids))
            ORDER BY c.id DESC
            """);
        cmd.Parameters.AddWithValue("today", today);
        cmd.Parameters.AddWithValue("grids", gridCodes.ToArray());
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Every target grid of a campaign with its current totals, in grid-code order.</summary>
    public async Task<IReadOnlyList<CampaignGridRow>> GridsAsync(long campaignId, int counters, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT g.grid_code, g.grid_name, g.region_name, coalesce(p.totals, '{}'), coalesce(p.reports, 0), p.last_report_at, p.last_reported_by
            FROM campaign_grids g LEFT JOIN campaign_progress p ON p.campaign_id = g.campaign_id AND p.grid_code = g.grid_code
            WHERE g.campaign_id = @id ORDER BY g.grid_code
            """);
        cmd.Parameters.AddWithValue("id", campaignId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CampaignGridRow>();
        while (await r.ReadAsync(ct))
            list.Add(new CampaignGridRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Pad(r.GetFieldValue<int[]>(3), counters),
                r.GetInt32(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetString(6)));
        return list;
    }

    /// <summary>The latest reports of a campaign (or of one grid), newest first.</summary>
    public async Task<IReadOnlyList<CampaignReportLine>> HistoryAsync(long campaignId, string? gridCode, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT r.id, r.grid_code, g.grid_name, r.deltas, r.totals, r.reported_at, r.reported_by, r.source, r.note
            FROM campaign_reports r JOIN campaign_grids g ON g.campaign_id = r.campaign_id AND g.grid_code = r.grid_code
            WHERE r.campaign_id = @id AND (@grid::text IS NULL OR r.grid_code = @grid)
            ORDER BY r.id DESC LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("id", campaignId);
        cmd.Parameters.AddWithValue("grid", (object?)gridCode ?? DBNull.Value);
        cmd.Parameters.AddWithValue("limit", limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CampaignReportLine>();
        while (await r.ReadAsync(ct))
            list.Add(new CampaignReportLine(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<int[]>(3), r.GetFieldValue<int[]>(4),
                r.GetFieldValue<DateTimeOffset>(5), r.GetString(6), r.GetString(7), r.GetString(8)));
        return list;
    }

    /// <summary>Ends a running campaign early (audited); false when it had already ended or does not exist.</summary>
    public async Task<bool> EndAsync(long id, AuditActor actor, CancellationToken ct)
    {
        if (!MayManage(actor.Role)) return false;
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE campaigns SET ended_at = @now, ended_by = @by, on_wall_at = NULL, on_wall_by = NULL
            WHERE id = @id AND ended_at IS NULL RETURNING title
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("by", actor.Name);
        if (await cmd.ExecuteScalarAsync(ct) is not string title) return false;
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.CampaignEnded, $"专项任务 #{id} {title}", actor.Ip), now, ct);
        await ChangeLog.AppendAsync(conn, tx, new CampaignChange(CampaignChange.Ended, id, []), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Shows campaign <paramref name="id"/> as the walls' campaign layer (replacing any other), or with
    /// <paramref name="show"/> false takes it off. Returns why not, or null.</summary>
    public async Task<string?> SetOnWallAsync(long id, bool show, AuditActor actor, CancellationToken ct)
    {
        if (!MayManage(actor.Role)) return "只有值班员和领导可以切换大屏图层";
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Serialise wall switches: the unique index allows one campaign on the walls, and two desks pressing at once
        // must not fail on it.
        await using (var lk = new NpgsqlCommand("LOCK TABLE campaigns IN SHARE ROW EXCLUSIVE MODE", conn, tx)) await lk.ExecuteNonQueryAsync(ct);
        string title;
        await using (var get = new NpgsqlCommand("SELECT title, ended_at IS NOT NULL OR ends_on < @today FROM campaigns WHERE id = @id", conn, tx))
        {
            get.Parameters.AddWithValue("id", id);
            get.Parameters.AddWithValue("today", Campaign.Today(now));
            await using var r = await get.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return $"专项任务 #{id} 不存在";
            title = r.GetString(0);
            if (show && r.GetBoolean(1)) return "该任务已结束，不能上大屏";
        }
        await using (var cmd = new NpgsqlCommand("""
            UPDATE campaigns SET on_wall_at = NULL, on_wall_by = NULL WHERE on_wall_at IS NOT NULL AND (@show OR id = @id);
            UPDATE campaigns SET on_wall_at = @now, on_wall_by = @by WHERE @show AND id = @id;
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("show", show);
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("by", actor.Name);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.CampaignOnWall, $"专项任务 #{id} {title}", actor.Ip,
            Details: new Dictionary<string, string?> { ["wall"] = show ? "显示" : "取消" }), now, ct);
        await ChangeLog.AppendAsync(conn, tx, new CampaignChange(CampaignChange.Wall, id, []), ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>The campaign the walls show as their layer, or null.</summary>
    public async Task<Campaign?> OnWallAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM campaigns c WHERE c.on_wall_at IS NOT NULL LIMIT 1");
        var list = await ReadAsync(cmd, ct);
        return list.Count == 0 ? null : list[0];
    }

    internal static IReadOnlyList<int> Pad(int[] values, int count) =>
        values.Length == count ? values : [.. Enumerable.Range(0, count).Select(i => i < values.Length ? values[i] : 0)];

    private static async Task<IReadOnlyList<Campaign>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Campaign>();
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    private static Campaign Read(NpgsqlDataReader r)
    {
        var labels = r.GetFieldValue<string[]>(11);
        var targets = r.GetFieldValue<int[]>(12);
        return new Campaign(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.GetFieldValue<DateOnly>(4), r.GetString(5),
            r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetString(9),
            r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
            [.. labels.Select((l, i) => new CampaignCounter(i, l, targets[i] == 0 ? null : targets[i]))], r.GetInt32(13));
    }
}
