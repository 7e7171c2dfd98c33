using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Admin;

/// <summary>Categories and their time limits, as the administrator edits them. A change is audited
/// and announced on the change feed in the same transaction, so the case pages pick up a new time
/// limit the way they pick up everything else.</summary>
public sealed class CategoryAdminStore(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CategoryRow>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "SELECT code, name, group_name, time_limit_hours, is_dispute, active FROM categories ORDER BY sort_order, code");
        var rows = new List<CategoryRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new CategoryRow
            {
                Code = r.GetString(0), Name = r.GetString(1), GroupName = r.GetString(2),
                TimeLimitHours = r.GetInt32(3), IsDispute = r.GetBoolean(4), Active = r.GetBoolean(5),
            });
        return rows;
    }

    /// <summary>Saves name, time limit and active flag of one category.</summary>
    public async Task UpdateAsync(CategoryRow row, AuditActor actor, CancellationToken ct)
    {
        var name = row.Name.Trim();
        if (name.Length is 0 or > 40) throw new SecurityChangeException("分类名称须为 1–40 个字符");
        if (row.TimeLimitHours is < 1 or > 24 * 90) throw new SecurityChangeException("办理时限须在 1 到 2160 小时之间");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string before;
        await using (var old = new NpgsqlCommand(
            "SELECT name || ' / ' || time_limit_hours || 'h / ' || CASE WHEN active THEN '启用' ELSE '停用' END FROM categories WHERE code = @code FOR UPDATE", conn, tx))
        {
            old.Parameters.AddWithValue("code", row.Code);
            before = await old.ExecuteScalarAsync(ct) as string ?? throw new SecurityChangeException($"分类 {row.Code} 不存在");
        }
        await using (var cmd = new NpgsqlCommand(
            "UPDATE categories SET name = @name, time_limit_hours = @hours, active = @active WHERE code = @code", conn, tx))
        {
            cmd.Parameters.AddWithValue("code", row.Code);
            cmd.Parameters.AddWithValue("name", name);
            cmd.Parameters.AddWithValue("hours", row.TimeLimitHours);
            cmd.Parameters.AddWithValue("active", row.Active);
            try
            {
                await cmd.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new SecurityChangeException($"分类名称 {name} 已被使用");
            }
        }
        var after = $"{name} / {row.TimeLimitHours}h / {(row.Active ? "启用" : "停用")}";
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.CategoryChanged, row.Code, actor.Ip,
            Details: new Dictionary<string, string?> { ["before"] = before, ["after"] = after }), clock.GetUtcNow(), ct);
        await ChangeLog.AppendAsync(conn, tx, new CategoriesChange([row.Code]), ct);
        await tx.CommitAsync(ct);
    }
}
