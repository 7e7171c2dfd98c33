using System.Text.Json;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Privacy;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Duty;

/// <summary>Shift handovers (交接班). The outgoing officer signs with a note; in the same transaction the open urgent
/// (紧急, not closed) and overdue (past the deadline while still being handled) cases are read and stored as a
/// snapshot — what the next shift was told, not what a later query would say. The incoming officer (another
/// account) accepts it. Both signatures are audited and announced; the history is kept and searchable.</summary>
public sealed class Handovers(NpgsqlDataSource db, TimeProvider clock)
{
    private const string OpenSql = """
        SELECT c.id, c.title, c.status, c.priority, c.deadline_at,
               coalesce(c.assignee_name, (SELECT d.name FROM departments d WHERE d.code = c.assignee_code), c.assignee_code),
               c.deadline_at IS NOT NULL AND c.deadline_at < @now AND c.status IN ('dispatched', 'in_progress')
        FROM cases c
        WHERE c.closed_at IS NULL AND c.merged_into IS NULL
          AND (c.priority = 1 OR (c.deadline_at < @now AND c.status IN ('dispatched', 'in_progress')))
        ORDER BY c.priority, c.deadline_at NULLS LAST, c.id
        LIMIT 500
        """;

    private const string Columns = "id, signed_at, from_officer, note, open_cases, urgent_count, overdue_count, to_officer, accepted_at, accept_note";

    /// <summary>The outgoing officer signs. Refused (message) without a note, or while an earlier handover waits for
    /// its incoming signature.</summary>
    public async Task<(long? Id, string? Refusal)> SignAsync(string officer, string? note, AuditActor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(note)) return (null, "请填写交班说明（本班情况、需接班跟进的事项）");
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        // Repeatable read: the snapshot and the counts come from one consistent view of the cases.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var lk = new NpgsqlCommand("LOCK TABLE shift_handovers IN SHARE ROW EXCLUSIVE MODE", conn, tx)) await lk.ExecuteNonQueryAsync(ct);
        await using (var pending = new NpgsqlCommand("SELECT from_officer FROM shift_handovers WHERE accepted_at IS NULL LIMIT 1", conn, tx))
            if (await pending.ExecuteScalarAsync(ct) is string waiting)
                return (null, $"{waiting} 的交班尚未接班签字，请先完成那次交接");
        var cases = new List<HandoverCase>();
        await using (var cmd = new NpgsqlCommand(OpenSql, conn, tx))
        {
            cmd.Parameters.AddWithValue("now", now);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                cases.Add(new HandoverCase(r.GetInt64(0), Masking.FreeText(r.GetString(1)) ?? "", r.GetString(2), r.GetInt16(3),
                    r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetBoolean(6)));
        }
        long id;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO shift_handovers (signed_at, from_officer, note, open_cases, urgent_count, overdue_count)
            VALUES (@now, @from, @note, @cases::jsonb, @urgent, @overdue) RETURNING id
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("from", officer);
            cmd.Parameters.AddWithValue("note", note.Trim());
            cmd.Parameters.AddWithValue("cases", JsonSerializer.Serialize(cases));
            cmd.Parameters.AddWithValue("urgent", cases.Count(c => c.Priority == 1));
            cmd.Parameters.AddWithValue("overdue", cases.Count(c => c.Overdue));
            id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.HandoverSigned, $"交接班 #{id}", actor.Ip,
            Details: new Dictionary<string, string?> { ["cases"] = cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }), now, ct);
        await ChangeLog.AppendAsync(conn, tx, new DutyChange(DutyChange.HandoverSigned, id), ct);
        await tx.CommitAsync(ct);
        return (id, null);
    }

    /// <summary>The incoming officer signs. Refused for the outgoing officer themself or a handover already accepted.</summary>
    public async Task<string?> AcceptAsync(long id, string officer, string? note, AuditActor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("SELECT from_officer, accepted_at IS NOT NULL FROM shift_handovers WHERE id = @id FOR UPDATE", conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return $"找不到交接班 #{id}";
            if (r.GetBoolean(1)) return "该交班已由他人接班签字";
            if (r.GetString(0) == officer) return "交班人不能为自己接班：请由接班值班员登录后签字";
        }
        await using (var cmd = new NpgsqlCommand("""
            UPDATE shift_handovers SET to_officer = @to, accepted_at = @now, accept_note = @note WHERE id = @id
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("to", officer);
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("note", (object?)note?.Trim() ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.HandoverAccepted, $"交接班 #{id}", actor.Ip), now, ct);
        await ChangeLog.AppendAsync(conn, tx, new DutyChange(DutyChange.HandoverAccepted, id), ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>The handover waiting for its incoming signature, if any.</summary>
    public async Task<Handover?> PendingAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM shift_handovers WHERE accepted_at IS NULL ORDER BY signed_at DESC LIMIT 1");
        var list = await ReadAsync(cmd, ct);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>The history, newest first; <paramref name="search"/> matches the officers, the notes or a case number
    /// or title in the snapshot.</summary>
    public async Task<IReadOnlyList<Handover>> HistoryAsync(string? search, int limit, CancellationToken ct)
    {
        var q = (search ?? "").Trim();
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM shift_handovers
            WHERE @q = '' OR from_officer ILIKE @like OR coalesce(to_officer, '') ILIKE @like OR note ILIKE @like
               OR coalesce(accept_note, '') ILIKE @like OR open_cases::text ILIKE @like
            ORDER BY signed_at DESC LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("q", q);
        cmd.Parameters.AddWithValue("like", "%" + q.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%");
        cmd.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<Handover>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Handover>();
        while (await r.ReadAsync(ct))
            list.Add(new Handover(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3),
                JsonSerializer.Deserialize<List<HandoverCase>>(r.GetString(4)) ?? [], r.GetInt32(5), r.GetInt32(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetString(9)));
        return list;
    }
}
