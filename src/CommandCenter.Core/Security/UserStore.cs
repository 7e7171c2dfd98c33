using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace CommandCenter.Core.Security;

/// <summary>Reads and writes <c>users</c>. Every change made by an administrator is audited in the
/// same transaction; changes that alter what a person may do end that person's open sessions.</summary>
public sealed class UserStore(NpgsqlDataSource db, TimeProvider clock, IPasswordHasher<UserAccount> hasher, SessionStore sessions)
{
    private const string Columns = """
        id, user_name, display_name, role, password_hash, must_change_password, failed_count,
        lockout_until, disabled_at, created_at, last_login_at, unit_code, grid_codes
        """;

    public async Task<UserAccount?> FindByNameAsync(string userName, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM users WHERE lower(user_name) = lower(@name)");
        cmd.Parameters.AddWithValue("name", userName.Trim());
        return await ReadOneAsync(cmd, ct);
    }

    public async Task<UserAccount?> FindByIdAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM users WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        return await ReadOneAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM users ORDER BY role, user_name");
        var list = new List<UserAccount>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    public async Task<bool> AnyAdminAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL)");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Creates a person. Throws <see cref="SecurityChangeException"/> for a bad name, role,
    /// password or a name already taken.</summary>
    public Task<long> CreateAsync(string userName, string displayName, string role, string password,
        bool mustChangePassword, AuditActor actor, CancellationToken ct) =>
        CreateAsync(userName, displayName, role, null, password, mustChangePassword, actor, ct);

    /// <summary>Creates a person; a 承办单位 or 网格员 needs <paramref name="binding"/> (checked against the
    /// departments, 村居 and grids that exist), the other roles must not have one.</summary>
    public async Task<long> CreateAsync(string userName, string displayName, string role, UnitBinding? binding, string password,
        bool mustChangePassword, AuditActor actor, CancellationToken ct)
    {
        userName = userName.Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(userName, "^[A-Za-z0-9._-]{2,40}$"))
            throw new SecurityChangeException("用户名须为 2–40 位字母、数字或 . _ -");
        if (!Roles.IsPersonRole(role))
            throw new SecurityChangeException($"角色 '{role}' 不存在");
        if (PasswordPolicy.Check(userName, password) is { } problem)
            throw new SecurityChangeException(problem);
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        binding = await UnitBindingCheck.CheckAsync(conn, tx, role, binding, ct);
        const string Sql = """
            INSERT INTO users (user_name, display_name, role, password_hash, must_change_password, created_at, unit_code, grid_codes)
            VALUES (@name, @display, @role, @hash, @must, @now, @unit, @grids)
            ON CONFLICT DO NOTHING
            RETURNING id
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("name", userName);
        cmd.Parameters.AddWithValue("display", string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim());
        cmd.Parameters.AddWithValue("role", role);
        cmd.Parameters.AddWithValue("hash", hasher.HashPassword(null!, password));
        cmd.Parameters.AddWithValue("must", mustChangePassword);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("unit", (object?)binding?.UnitCode ?? DBNull.Value);
        cmd.Parameters.AddWithValue("grids", (binding?.GridCodes ?? []).ToArray());
        if (await cmd.ExecuteScalarAsync(ct) is not long id)
            throw new SecurityChangeException($"用户名 {userName} 已存在");
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.UserCreated, userName, actor.Ip,
            Details: new Dictionary<string, string?> { ["role"] = role, ["unit"] = binding?.UnitCode,
                ["grids"] = binding is { GridCodes.Count: > 0 } b ? string.Join(",", b.GridCodes) : null }), now, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>Shows on the account that sign-in is locked somewhere (for the admin page and its 解锁);
    /// the lock itself is <see cref="LoginThrottle"/>'s.</summary>
    public async Task NoteLockoutAsync(long id, DateTimeOffset until, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE users SET lockout_until = greatest(lockout_until, @until) WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("until", until);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task RecordSuccessAsync(long id, string? rehashed, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE users SET failed_count = 0, lockout_until = NULL, last_login_at = @now,
                             password_hash = coalesce(@hash, password_hash)
            WHERE id = @id
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        cmd.Parameters.AddWithValue("hash", (object?)rehashed ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sets a new password. By the person themself (<paramref name="mustChange"/> false) or an
    /// administrator's reset (true: a one-time password; the person's sessions end).</summary>
    public async Task SetPasswordAsync(long id, string password, bool mustChange, AuditActor actor, CancellationToken ct)
    {
        var user = await FindByIdAsync(id, ct) ?? throw new SecurityChangeException("用户不存在");
        if (PasswordPolicy.Check(user.UserName, password) is { } problem)
            throw new SecurityChangeException(problem);
        if (!mustChange && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed)
            throw new SecurityChangeException("新密码不能与原密码相同");
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            UPDATE users SET password_hash = @hash, must_change_password = @must, password_changed_at = @now,
                             failed_count = 0, lockout_until = NULL
            WHERE id = @id
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("hash", hasher.HashPassword(user, password));
            cmd.Parameters.AddWithValue("must", mustChange);
            cmd.Parameters.AddWithValue("now", now);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (mustChange)
            await sessions.EndAllForUserAsync(conn, tx, id, "password reset", ct);
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role,
            mustChange ? AuditActions.UserPasswordReset : AuditActions.PasswordChanged, user.UserName, actor.Ip), now, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Role, enable/disable or unlock, by an administrator. Refuses to leave the system
    /// without an active administrator.</summary>
    public async Task ChangeAsync(long id, UserChange change, AuditActor actor, CancellationToken ct)
    {
        var user = await FindByIdAsync(id, ct) ?? throw new SecurityChangeException("用户不存在");
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Serialise admin changes so two administrators cannot demote each other at the same moment.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(4343555345)", conn, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);
        var (sql, action, endsSessions, details) = change switch
        {
            UserChange.SetRole(var role) when !Roles.IsPersonRole(role) => throw new SecurityChangeException($"角色 '{role}' 不存在"),
            UserChange.SetRole(var role) when Roles.IsUnitRole(role) && user.UnitCode is null =>
                throw new SecurityChangeException($"{Roles.Label(role)}账号须绑定承办单位，请新建账号并选择单位"),
            // Leaving a unit role drops the binding (the users_unit_bound check insists on it).
            UserChange.SetRole(var role) => ("""
                UPDATE users SET role = @value,
                    unit_code  = CASE WHEN @value IN ('unit', 'worker') THEN unit_code END,
                    grid_codes = CASE WHEN @value = 'worker' THEN grid_codes ELSE '{}' END
                WHERE id = @id
                """, AuditActions.UserRoleChanged, true, $"{Roles.Label(user.Role)} → {Roles.Label(role)}"),
            UserChange.Bind when !Roles.IsUnitRole(user.Role) => throw new SecurityChangeException("只有承办单位和网格员账号可以绑定单位"),
            UserChange.Bind(var b) => ("UPDATE users SET unit_code = @unit, grid_codes = @grids WHERE id = @id", AuditActions.UserBound, true,
                $"{user.UnitCode} → {b.UnitCode}{(b.GridCodes.Count > 0 ? " (" + string.Join(",", b.GridCodes) + ")" : "")}"),
            UserChange.Disable => ("UPDATE users SET disabled_at = @now WHERE id = @id AND disabled_at IS NULL", AuditActions.UserDisabled, true, null),
            UserChange.Enable => ("UPDATE users SET disabled_at = NULL WHERE id = @id", AuditActions.UserEnabled, false, null),
            UserChange.Unlock => ("""
                WITH cleared AS (DELETE FROM login_throttle WHERE user_key = @key)
                UPDATE users SET lockout_until = NULL, failed_count = 0 WHERE id = @id
                """, AuditActions.UserUnlocked, false, null),
            _ => throw new SecurityChangeException("未知的操作"),
        };
        var binding = change is UserChange.Bind bind ? await UnitBindingCheck.CheckAsync(conn, tx, user.Role, bind.Binding, ct) : null;
        await using (var cmd = new NpgsqlCommand(sql, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("value", change is UserChange.SetRole r ? r.Role : "");
            cmd.Parameters.AddWithValue("key", LoginThrottle.Key(user.UserName));
            cmd.Parameters.AddWithValue("unit", (object?)binding?.UnitCode ?? DBNull.Value);
            cmd.Parameters.AddWithValue("grids", (binding?.GridCodes ?? []).ToArray());
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (user.Role == Roles.Admin)
        {
            await using var check = new NpgsqlCommand(
                "SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL", conn, tx);
            if ((long)(await check.ExecuteScalarAsync(ct))! == 0)
                throw new SecurityChangeException("至少要保留一名启用的管理员");
        }
        if (endsSessions)
            await sessions.EndAllForUserAsync(conn, tx, id, action, ct);
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, action, user.UserName, actor.Ip,
            Details: details is null ? null : new Dictionary<string, string?> { ["change"] = details }), now, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<UserAccount?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    private static UserAccount Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5), r.GetInt32(6),
        r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10))
    {
        UnitCode = r.IsDBNull(11) ? null : r.GetString(11),
        GridCodes = r.GetFieldValue<string[]>(12),
    };
}
