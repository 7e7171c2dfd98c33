using System.Text.Json;
using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Privacy;
using Dapper;
using Npgsql;

namespace CommandCenter.Core.Jfb;

/// <summary>The 纠风办 cases (table jfb_cases, filled by a trigger when a case escalates): the list for
/// leaders, the count for a report period, and the officer's handling record. Saving the record is one
/// transaction like a case action: the row (optimistic concurrency on its version), a <c>jfb-record</c>
/// case event — so it is on the case timeline and, through the case_events trigger, in the audit log —
/// and a case-action change-log entry, so open case pages follow at once.</summary>
public sealed class JfbCases(NpgsqlDataSource db, TimeProvider clock)
{
    public const int MaxText = 500;
    public const int ListLimit = 500;

    private const string ListSql = """
        SELECT j.case_id AS CaseId, c.title AS Title, k.name AS Category, g.name AS GridName,
               coalesce(c.assignee_name, d.name, c.assignee_code) AS AssigneeName, c.status AS Status,
               j.escalated_at AS EscalatedAt, j.assigned_to AS AssignedTo, j.assigned_note AS AssignedNote,
               j.assigned_at AS AssignedAt, j.result AS Result, j.result_at AS ResultAt,
               j.accountability AS Accountability, j.accountability_at AS AccountabilityAt,
               j.updated_by AS UpdatedBy, j.version AS Version
        FROM jfb_cases j
        JOIN cases c ON c.id = j.case_id
        JOIN categories k ON k.code = c.category_code
        LEFT JOIN grids g ON g.code = c.grid_code
        LEFT JOIN departments d ON d.code = c.assignee_code
        """;

    /// <summary>Every 纠风办 case, newest escalation first (at most <see cref="ListLimit"/>).</summary>
    public async Task<IReadOnlyList<JfbCase>> ListAsync(CancellationToken ct) =>
        await QueryAsync($"{ListSql} ORDER BY j.escalated_at DESC, j.case_id DESC LIMIT {ListLimit}", null, ct);

    /// <summary>The 纠风办 cases escalated in <paramref name="period"/>, oldest first (for a report).</summary>
    public async Task<IReadOnlyList<JfbCase>> EscalatedInAsync(KpiPeriod period, CancellationToken ct) =>
        await QueryAsync($"{ListSql} WHERE j.escalated_at >= @from AND j.escalated_at < @to ORDER BY j.escalated_at, j.case_id LIMIT {ListLimit}",
            new { from = period.From.ToUniversalTime(), to = period.To.ToUniversalTime() }, ct);

    public async Task<JfbCase?> FindAsync(long caseId, CancellationToken ct) =>
        (await QueryAsync($"{ListSql} WHERE j.case_id = @caseId", new { caseId }, ct)).SingleOrDefault();

    /// <summary>纠风办件 escalated in the period: an index range on jfb_cases (escalated_at).</summary>
    public async Task<int> CountAsync(KpiPeriod period, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM jfb_cases WHERE escalated_at >= @from AND escalated_at < @to",
            new { from = period.From.ToUniversalTime(), to = period.To.ToUniversalTime() }, cancellationToken: ct));
    }

    private async Task<IReadOnlyList<JfbCase>> QueryAsync(string sql, object? args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(sql, args, cancellationToken: ct));
        return rows.Select(r => new JfbCase(r.CaseId, Masking.FreeText(r.Title) ?? "", r.Category, r.GridName, r.AssigneeName,
            CaseStatus.Label(r.Status), Utc(r.EscalatedAt), r.AssignedTo, r.AssignedNote, Utc(r.AssignedAt), r.Result, Utc(r.ResultAt),
            r.Accountability, Utc(r.AccountabilityAt), r.UpdatedBy, r.Version)).ToList();
    }

    /// <summary>Saves what the officer entered. Refusals (in Chinese) name the field; a record changed by
    /// someone else since <paramref name="expectedVersion"/> is refused with the conflict message.</summary>
    public async Task<CaseActionResult> SaveAsync(long caseId, int expectedVersion, JfbRecordInput input, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(actor)) return CaseActionResult.Refused("请先填写值班员姓名");
        var (to, note, result, blame) = (Clean(input.AssignedTo), Clean(input.AssignedNote), Clean(input.Result), Clean(input.Accountability));
        foreach (var (label, text) in new[] { ("交办对象", to), ("交办说明", note), ("处理结果", result), ("问责情况", blame) })
            if (text?.Length > MaxText) return CaseActionResult.Refused($"「{label}」最多 {MaxText} 字（现为 {text.Length} 字）");

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"{ListSql} WHERE j.case_id = @caseId FOR UPDATE OF j", new { caseId }, tx, cancellationToken: ct));
        if (current is null) return CaseActionResult.Refused($"事件 #{caseId} 不是纠风办件");
        if (current.Version != expectedVersion) return CaseActionResult.Conflict();
        to ??= current.AssignedTo;
        note ??= current.AssignedNote;
        if (to is null && (note is not null || result is not null || blame is not null))
            return CaseActionResult.Refused("请先填写「交办对象」（交办给哪个单位或责任人），再登记处理结果和问责");
        var changes = new List<string>();
        if (to != current.AssignedTo || note != current.AssignedNote) changes.Add($"交办：{to}{(note is null ? "" : "，" + note)}");
        if (result is not null && result != current.Result) changes.Add($"处理结果：{result}");
        if (blame is not null && blame != current.Accountability) changes.Add($"问责：{blame}");
        if (changes.Count == 0) return CaseActionResult.Refused("没有新的内容需要保存");

        var now = clock.GetUtcNow();
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE jfb_cases SET
                assigned_to = @to, assigned_note = @note,
                assigned_at = CASE WHEN assigned_to IS DISTINCT FROM @to OR assigned_note IS DISTINCT FROM @note THEN @now ELSE assigned_at END,
                result_at = CASE WHEN @result::text IS NOT NULL AND result IS DISTINCT FROM @result THEN @now ELSE result_at END,
                result = coalesce(@result, result),
                accountability_at = CASE WHEN @blame::text IS NOT NULL AND accountability IS DISTINCT FROM @blame THEN @now ELSE accountability_at END,
                accountability = coalesce(@blame, accountability),
                updated_by = @actor, updated_at = @now, version = version + 1
            WHERE case_id = @caseId
            """, new { caseId, to, note, result, blame, actor = actor.Trim(), now = now.ToUniversalTime() }, tx, cancellationToken: ct));
        var status = await conn.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT status FROM cases WHERE id = @caseId", new { caseId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO case_events (case_id, at, actor, action, from_status, to_status, note, data)
            VALUES (@caseId, @now, @actor, @action, @status, @status, @text, @data::jsonb)
            """, new
        {
            caseId, now = now.ToUniversalTime(), actor = actor.Trim(), action = CaseActionKind.JfbRecord, status,
            text = string.Join("；", changes),
            data = JsonSerializer.Serialize(new { assignedTo = to, assignedNote = note, result, accountability = blame }),
        }, tx, cancellationToken: ct));
        var grid = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT coalesce(grid_code, nearest_grid_code) FROM cases WHERE id = @caseId", new { caseId }, tx, cancellationToken: ct));
        await ChangeLog.AppendAsync(conn, tx, new CaseActionChange([caseId], grid is null ? [] : [grid], CaseActionKind.JfbRecord, [status!]), ct);
        await tx.CommitAsync(ct);
        return new CaseActionResult(CaseActionOutcome.Done, "已保存纠风办处理记录", expectedVersion + 1);
    }

    // Npgsql hands timestamptz to Dapper as UTC DateTime values.
    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? Utc(v) : null;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

#pragma warning disable IDE1006
    private sealed class Row
    {
        public long CaseId { get; set; }
        public string Title { get; set; } = "";
        public string Category { get; set; } = "";
        public string? GridName { get; set; }
        public string? AssigneeName { get; set; }
        public string Status { get; set; } = "";
        public DateTime EscalatedAt { get; set; }
        public string? AssignedTo { get; set; }
        public string? AssignedNote { get; set; }
        public DateTime? AssignedAt { get; set; }
        public string? Result { get; set; }
        public DateTime? ResultAt { get; set; }
        public string? Accountability { get; set; }
        public DateTime? AccountabilityAt { get; set; }
        public string? UpdatedBy { get; set; }
        public int Version { get; set; }
    }
#pragma warning restore IDE1006
}
