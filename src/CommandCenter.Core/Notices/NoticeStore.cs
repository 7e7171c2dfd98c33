using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Notices;

/// <summary>Notices to units and to the center. Written inside the transaction of what caused them (a 督办,
/// a 催办, an escalation) together with a <see cref="NoticesChange"/>, so a notice reaches open pages exactly
/// when its cause is committed.</summary>
public sealed class NoticeStore(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns = """
        n.id, n.case_id, c.title, n.unit_code, n.kind, n.text, n.created_at, n.created_by, n.read_at, n.read_by
        """;

    /// <summary>Writes the drafts (skipping automatic ones already sent) and appends one change-log entry for
    /// those written. Returns how many were written.</summary>
    public static async Task<int> AddAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<NoticeDraft> drafts, DateTimeOffset now,
        CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO notices (case_id, unit_code, kind, text, created_at, created_by, once_key)
            VALUES (@case, @unit, @kind, @text, @now, @by, @once)
            ON CONFLICT (once_key) DO NOTHING
            RETURNING id
            """;
        var ids = new List<long>();
        var cases = new List<long>();
        var units = new List<string>();
        foreach (var d in drafts)
        {
            await using var cmd = new NpgsqlCommand(Sql, conn, tx);
            cmd.Parameters.AddWithValue("case", d.CaseId);
            cmd.Parameters.AddWithValue("unit", (object?)d.UnitCode ?? DBNull.Value);
            cmd.Parameters.AddWithValue("kind", d.Kind);
            cmd.Parameters.AddWithValue("text", d.Text);
            cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
            cmd.Parameters.AddWithValue("by", d.CreatedBy);
            cmd.Parameters.AddWithValue("once", (object?)d.OnceKey ?? DBNull.Value);
            if (await cmd.ExecuteScalarAsync(ct) is not long id) continue;
            ids.Add(id);
            cases.Add(d.CaseId);
            units.Add(d.UnitCode ?? "");
        }
        if (ids.Count > 0)
            await ChangeLog.AppendAsync(conn, tx, new NoticesChange(ids, cases, units, NoticesChange.Created), ct);
        return ids.Count;
    }

    /// <summary>The notices of a unit (its unit code and grids), newest first.</summary>
    public async Task<IReadOnlyList<Notice>> ForUnitAsync(IReadOnlyList<string> scope, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM notices n JOIN cases c ON c.id = n.case_id
            WHERE n.unit_code = ANY (@scope) ORDER BY n.read_at IS NOT NULL, n.created_at DESC, n.id DESC LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("scope", scope.ToArray());
        cmd.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Unread notices to the center (e.g. 超时未签收), newest first, for the duty queue.</summary>
    public async Task<IReadOnlyList<Notice>> ForCenterAsync(int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM notices n JOIN cases c ON c.id = n.case_id
            WHERE n.unit_code IS NULL AND n.read_at IS NULL ORDER BY n.created_at DESC, n.id DESC LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Records the read receipt of one notice, only if it belongs to <paramref name="scope"/> (null: the
    /// center's) and is still unread; audited and announced. Returns false when there was nothing to mark.</summary>
    public async Task<bool> MarkReadAsync(long noticeId, IReadOnlyList<string>? scope, AuditActor reader, string readerName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE notices SET read_at = @now, read_by = @by
            WHERE id = @id AND read_at IS NULL
              AND (CASE WHEN @center THEN unit_code IS NULL ELSE unit_code = ANY (@scope) END)
            RETURNING case_id, coalesce(unit_code, ''), kind
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", noticeId);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("by", readerName);
        cmd.Parameters.AddWithValue("center", scope is null);
        cmd.Parameters.AddWithValue("scope", (scope ?? []).ToArray());
        long caseId;
        string unit, kind;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return false;
            (caseId, unit, kind) = (r.GetInt64(0), r.GetString(1), r.GetString(2));
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(reader.Name, reader.Role, AuditActions.NoticeRead, $"事件 #{caseId}", reader.Ip,
            Details: new Dictionary<string, string?> { ["notice"] = noticeId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["kind"] = NoticeKinds.Label(kind) }), now, ct);
        await ChangeLog.AppendAsync(conn, tx, new NoticesChange([noticeId], [caseId], [unit], NoticesChange.Read), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task<IReadOnlyList<Notice>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<Notice>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new Notice(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.GetString(7),
                r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetString(9)));
        return list;
    }
}
