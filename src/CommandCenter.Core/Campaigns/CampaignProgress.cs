using CommandCenter.Core.ChangeFeed;
using Npgsql;

namespace CommandCenter.Core.Campaigns;

/// <summary>Grid workers' progress reports, from the phone page and from the ingest API alike. A report carries
/// the change since the last one (本次新增, negative to correct); the grid's totals are updated under a row lock in
/// the same transaction that keeps the report as a history row, so two workers reporting the same grid at once
/// both count and the totals always equal the sum of the history.</summary>
public sealed class CampaignProgress(NpgsqlDataSource db, TimeProvider clock)
{
    public const int MaxDelta = 100_000;

    public async Task<CampaignReportOutcome> ReportAsync(CampaignReportDraft d, CancellationToken ct)
    {
        if (d.Counts.Count == 0 || d.Counts.Values.All(v => v == 0)) return CampaignReportOutcome.Refused("请至少填写一项数字（本次新增的户数）");
        if (d.Counts.FirstOrDefault(kv => Math.Abs(kv.Value) > MaxDelta) is { Key: not null } big)
            return CampaignReportOutcome.Refused($"「{big.Key}」的数字 {big.Value} 超出范围（一次不超过 {MaxDelta}）");
        if (d.AllowedGrids is { } allowed && !allowed.Contains(d.GridCode))
            return CampaignReportOutcome.Refused($"网格 {d.GridCode} 不是您负责的网格");
        if ((d.Note?.Length ?? 0) > 500) return CampaignReportOutcome.Refused("备注不超过 500 字");

        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var campaign = await CampaignAsync(conn, tx, d.CampaignId, ct);
        if (campaign is null) return CampaignReportOutcome.Refused($"专项任务 #{d.CampaignId} 不存在");
        var (title, from, to, ended, labels) = campaign.Value;
        var today = Campaign.Today(now);
        if (ended || today > to) return CampaignReportOutcome.Refused($"「{title}」已结束，不再接收进度");
        if (today < from) return CampaignReportOutcome.Refused($"「{title}」{from:yyyy-MM-dd} 才开始，暂不接收进度");
        var unknown = d.Counts.Keys.Where(k => !labels.Contains(k)).ToList();
        if (unknown.Count > 0)
            return CampaignReportOutcome.Refused($"「{title}」没有计数项「{string.Join("、", unknown)}」（可用：{string.Join("、", labels)}）");

        // Creates the grid's row on its first report, then locks it: concurrent reports for one grid queue here.
        await using (var lockRow = new NpgsqlCommand("""
            INSERT INTO campaign_progress (campaign_id, grid_code, totals, reports, last_report_at, last_reported_by)
            SELECT @id, g.grid_code, array_fill(0, ARRAY[@n]), 0, @now, '' FROM campaign_grids g WHERE g.campaign_id = @id AND g.grid_code = @grid
            ON CONFLICT DO NOTHING
            """, conn, tx))
        {
            lockRow.Parameters.AddWithValue("id", d.CampaignId);
            lockRow.Parameters.AddWithValue("grid", d.GridCode);
            lockRow.Parameters.AddWithValue("n", labels.Length);
            lockRow.Parameters.AddWithValue("now", now);
            await lockRow.ExecuteNonQueryAsync(ct);
        }
        int[] totals;
        await using (var get = new NpgsqlCommand("SELECT totals FROM campaign_progress WHERE campaign_id = @id AND grid_code = @grid FOR UPDATE", conn, tx))
        {
            get.Parameters.AddWithValue("id", d.CampaignId);
            get.Parameters.AddWithValue("grid", d.GridCode);
            if (await get.ExecuteScalarAsync(ct) is not int[] current)
                return CampaignReportOutcome.Refused($"网格 {d.GridCode} 不在「{title}」的范围内");
            totals = [.. CampaignStore.Pad(current, labels.Length)];
        }
        // Checked under the lock: a resent report waits for the first and then finds it.
        await using (var dup = new NpgsqlCommand("SELECT 1 FROM campaign_reports WHERE source = @source AND external_id = @ext", conn, tx))
        {
            dup.Parameters.AddWithValue("source", d.Source);
            dup.Parameters.AddWithValue("ext", d.ExternalId);
            if (await dup.ExecuteScalarAsync(ct) is not null) return new CampaignReportOutcome(CampaignReportStatus.Duplicate);
        }
        var deltas = labels.Select(l => d.Counts.TryGetValue(l, out var v) ? v : 0).ToArray();
        var after = totals.Zip(deltas, (t, x) => t + x).ToArray();
        for (var i = 0; i < after.Length; i++)
            if (after[i] < 0)
                return CampaignReportOutcome.Refused($"「{labels[i]}」更正后累计为 {after[i]}，不能小于 0（当前累计 {totals[i]}）");
        for (var i = 1; i < after.Length; i++)
            if (after[i] > after[0])
                return CampaignReportOutcome.Refused(
                    $"「{labels[i]}」累计 {after[i]} 超过「{labels[0]}」累计 {after[0]}：{labels[i]}的户须是已{labels[0].Replace("户数", "", StringComparison.Ordinal)}的户，请先报{labels[0]}");

        long reportId;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO campaign_reports (campaign_id, grid_code, deltas, totals, reported_at, received_at, reported_by, source, external_id, note)
            VALUES (@id, @grid, @deltas, @totals, @at, @now, @by, @source, @ext, @note) RETURNING id
            """, conn, tx))
        {
            insert.Parameters.AddWithValue("id", d.CampaignId);
            insert.Parameters.AddWithValue("grid", d.GridCode);
            insert.Parameters.AddWithValue("deltas", deltas);
            insert.Parameters.AddWithValue("totals", after);
            insert.Parameters.AddWithValue("at", d.ReportedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("by", d.ReportedBy);
            insert.Parameters.AddWithValue("source", d.Source);
            insert.Parameters.AddWithValue("ext", d.ExternalId);
            insert.Parameters.AddWithValue("note", d.Note?.Trim() ?? "");
            reportId = (long)(await insert.ExecuteScalarAsync(ct))!;
        }
        await using (var update = new NpgsqlCommand("""
            UPDATE campaign_progress SET totals = @totals, reports = reports + 1, last_report_at = @at, last_reported_by = @by
            WHERE campaign_id = @id AND grid_code = @grid
            """, conn, tx))
        {
            update.Parameters.AddWithValue("id", d.CampaignId);
            update.Parameters.AddWithValue("grid", d.GridCode);
            update.Parameters.AddWithValue("totals", after);
            update.Parameters.AddWithValue("at", d.ReportedAt.ToUniversalTime());
            update.Parameters.AddWithValue("by", d.ReportedBy);
            await update.ExecuteNonQueryAsync(ct);
        }
        await ChangeLog.AppendAsync(conn, tx, new CampaignChange(CampaignChange.Progress, d.CampaignId, [d.GridCode]), ct);
        await tx.CommitAsync(ct);
        return new CampaignReportOutcome(CampaignReportStatus.Accepted, null, reportId, after);
    }

    private static async Task<(string Title, DateOnly From, DateOnly To, bool Ended, string[] Labels)?> CampaignAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT c.title, c.starts_on, c.ends_on, c.ended_at IS NOT NULL,
                   (SELECT array_agg(k.label ORDER BY k.ord) FROM campaign_counters k WHERE k.campaign_id = c.id)
            FROM campaigns c WHERE c.id = @id
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2), r.GetBoolean(3), r.GetFieldValue<string[]>(4));
    }
}
