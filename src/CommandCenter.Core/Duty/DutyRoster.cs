using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Duty;

/// <summary>The duty roster (值班表): admin-edited shifts, the one on duty at a moment (for the wall's header and the
/// handover), audited and announced on the change feed.</summary>
public sealed class DutyRoster(NpgsqlDataSource db, AuditLog audit, TimeProvider clock)
{
    private const string Columns = "id, starts_at, ends_at, leader, officers, note";

    /// <summary>The shift covering <paramref name="at"/> (the latest-starting one if an edit left two), or null.</summary>
    public async Task<DutyShift?> AtAsync(DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM duty_shifts WHERE starts_at <= @at AND ends_at > @at ORDER BY starts_at DESC, id DESC LIMIT 1
            """);
        cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
        var list = await ReadAsync(cmd, ct);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>Shifts that overlap [<paramref name="from"/>, <paramref name="to"/>), in time order.</summary>
    public async Task<IReadOnlyList<DutyShift>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM duty_shifts WHERE starts_at < @to AND ends_at > @from ORDER BY starts_at, id LIMIT 500
            """);
        cmd.Parameters.AddWithValue("from", from.ToUniversalTime());
        cmd.Parameters.AddWithValue("to", to.ToUniversalTime());
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Adds a shift, or returns why not (in Chinese, naming the field). Officers are separated by 、 , ， or
    /// spaces. A shift may not overlap another: the wall must name one team.</summary>
    public Task<string?> AddAsync(DutyShiftDraft d, AuditActor actor, CancellationToken ct) => SaveAsync(null, d, actor, ct);

    /// <summary>Changes shift <paramref name="id"/> with the same checks as a new one (it may not overlap any other
    /// shift), audited with what it was before; returns why not, or 该班次已被删除 when it is gone.</summary>
    public Task<string?> UpdateAsync(long id, DutyShiftDraft d, AuditActor actor, CancellationToken ct) => SaveAsync(id, d, actor, ct);

    private async Task<string?> SaveAsync(long? id, DutyShiftDraft d, AuditActor actor, CancellationToken ct)
    {
        var officers = (d.Officers ?? "").Split(['、', ',', '，', ' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var leader = d.Leader?.Trim();
        if (d.EndsAt <= d.StartsAt) return "结束时间须晚于开始时间";
        if (d.EndsAt - d.StartsAt > TimeSpan.FromHours(48)) return "一个班次不超过 48 小时";
        if (string.IsNullOrEmpty(leader)) return "请填写带班领导";
        if (officers.Length == 0) return "请填写至少一名值班员";
        if (leader.Length > 40 || officers.Any(o => o.Length > 40)) return "姓名不超过 40 字";

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One writer at a time, so two administrators cannot both pass the overlap check.
        await using (var lk = new NpgsqlCommand("LOCK TABLE duty_shifts IN SHARE ROW EXCLUSIVE MODE", conn, tx)) await lk.ExecuteNonQueryAsync(ct);
        await using (var overlap = new NpgsqlCommand("""
            SELECT starts_at, ends_at, leader FROM duty_shifts
            WHERE starts_at < @to AND ends_at > @from AND id IS DISTINCT FROM @self ORDER BY starts_at LIMIT 1
            """, conn, tx))
        {
            overlap.Parameters.AddWithValue("self", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)id ?? DBNull.Value);
            overlap.Parameters.AddWithValue("from", d.StartsAt.ToUniversalTime());
            overlap.Parameters.AddWithValue("to", d.EndsAt.ToUniversalTime());
            await using var r = await overlap.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
                return $"与已有班次（{Local(r.GetFieldValue<DateTimeOffset>(0))}–{Local(r.GetFieldValue<DateTimeOffset>(1))}，带班 {r.GetString(2)}）时间重叠";
        }
        string? before = null;
        if (id is { } existing)
        {
            await using var old = new NpgsqlCommand("SELECT starts_at, ends_at, leader FROM duty_shifts WHERE id = @id FOR UPDATE", conn, tx);
            old.Parameters.AddWithValue("id", existing);
            await using var r = await old.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return "该班次已被删除，请刷新";
            before = $"{Local(r.GetFieldValue<DateTimeOffset>(0))}–{Local(r.GetFieldValue<DateTimeOffset>(1))}，带班 {r.GetString(2)}";
        }
        await using (var cmd = new NpgsqlCommand(id is null ? """
            INSERT INTO duty_shifts (starts_at, ends_at, leader, officers, note, created_at, created_by)
            VALUES (@from, @to, @leader, @officers, @note, @now, @by) RETURNING id
            """ : """
            UPDATE duty_shifts SET starts_at = @from, ends_at = @to, leader = @leader, officers = @officers, note = @note
            WHERE id = @id RETURNING id
            """, conn, tx))
        {
            if (id is not null) cmd.Parameters.AddWithValue("id", id.Value);
            cmd.Parameters.AddWithValue("from", d.StartsAt.ToUniversalTime());
            cmd.Parameters.AddWithValue("to", d.EndsAt.ToUniversalTime());
            cmd.Parameters.AddWithValue("leader", leader);
            cmd.Parameters.AddWithValue("officers", officers);
            cmd.Parameters.AddWithValue("note", d.Note?.Trim() ?? "");
            cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
            cmd.Parameters.AddWithValue("by", actor.Name);
            id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        var details = new Dictionary<string, string?> { ["leader"] = leader, ["officers"] = string.Join("、", officers), ["until"] = Local(d.EndsAt) };
        if (before is not null) details["before"] = before;
        await audit.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.DutyChanged, $"值班 {Local(d.StartsAt)}", actor.Ip,
            Details: details), ct);
        await ChangeLog.AppendAsync(conn, tx, new DutyChange(DutyChange.Roster, id.Value), ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Removes a shift (audited); false when there was none.</summary>
    public async Task<bool> RemoveAsync(long id, AuditActor actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("DELETE FROM duty_shifts WHERE id = @id RETURNING starts_at, leader", conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        string target;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return false;
            target = $"值班 {Local(r.GetFieldValue<DateTimeOffset>(0))}（带班 {r.GetString(1)}）";
        }
        await audit.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.DutyChanged, target, actor.Ip,
            Details: new Dictionary<string, string?> { ["removed"] = "true" }), ct);
        await ChangeLog.AppendAsync(conn, tx, new DutyChange(DutyChange.Roster, id), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    internal static string Local(DateTimeOffset at) => Time.Shanghai.Format(at);

    private static async Task<IReadOnlyList<DutyShift>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DutyShift>();
        while (await r.ReadAsync(ct))
            list.Add(new DutyShift(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3),
                r.GetFieldValue<string[]>(4), r.GetString(5)));
        return list;
    }
}
