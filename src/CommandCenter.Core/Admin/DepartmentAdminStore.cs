using System.Text.RegularExpressions;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Admin;

/// <summary>Departments (部门) as the administrator adds, renames and disables them; every change is audited
/// in its own transaction. Codes never change: cases, summons and unit accounts refer to them.
/// Departments are never deleted, only disabled, so old cases keep their assignee.</summary>
public sealed partial class DepartmentAdminStore(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<IReadOnlyList<DepartmentRow>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT code, name, active, sort_order FROM departments WHERE kind = '部门' ORDER BY sort_order, code");
        var rows = new List<DepartmentRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new DepartmentRow { Code = r.GetString(0), Name = r.GetString(1), Active = r.GetBoolean(2), SortOrder = r.GetInt32(3) });
        return rows;
    }

    public async Task AddAsync(string code, string name, AuditActor actor, CancellationToken ct)
    {
        code = code.Trim();
        name = CheckName(name);
        if (!CodePattern().IsMatch(code)) throw new SecurityChangeException("部门代码须为 2–30 位小写字母、数字或 - _");
        const string Sql = """
            INSERT INTO departments (code, name, kind, sort_order)
            SELECT @code, @name, '部门', coalesce(max(sort_order), 0) + 10 FROM departments
            WHERE NOT EXISTS (SELECT 1 FROM communities WHERE code = @code) AND NOT EXISTS (SELECT 1 FROM grids WHERE code = @code)
            ON CONFLICT DO NOTHING
            """;
        await WriteAsync(Sql, code, name, true, AuditActions.DepartmentChanged, actor, $"新增 {name}", ct,
            $"部门代码 {code} 或名称 {name} 已被使用");
    }

    public async Task UpdateAsync(DepartmentRow row, AuditActor actor, CancellationToken ct)
    {
        var name = CheckName(row.Name);
        await WriteAsync("UPDATE departments SET name = @name, active = @active WHERE code = @code AND kind = '部门'",
            row.Code, name, row.Active, AuditActions.DepartmentChanged, actor, $"{name} / {(row.Active ? "启用" : "停用")}", ct,
            $"部门 {row.Code} 不存在");
    }

    private async Task WriteAsync(string sql, string code, string name, bool active, string action, AuditActor actor, string change,
        CancellationToken ct, string whenNoRow)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(sql, conn, tx))
        {
            cmd.Parameters.AddWithValue("code", code);
            cmd.Parameters.AddWithValue("name", name);
            cmd.Parameters.AddWithValue("active", active);
            try
            {
                if (await cmd.ExecuteNonQueryAsync(ct) == 0) throw new SecurityChangeException(whenNoRow);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new SecurityChangeException($"部门名称 {name} 已被使用");
            }
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, action, code, actor.Ip,
            Details: new Dictionary<string, string?> { ["change"] = change }), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }

    private static string CheckName(string name)
    {
        name = name.Trim();
        if (name.Length is 0 or > 20) throw new SecurityChangeException("部门名称须为 1–20 个字符");
        return name;
    }

    [GeneratedRegex("^[a-z0-9_-]{2,30}$")]
    private static partial Regex CodePattern();
}
