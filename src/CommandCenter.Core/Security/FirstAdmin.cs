using Npgsql;

namespace CommandCenter.Core.Security;

/// <summary>Creates the first administrator on a fresh installation: user <c>admin</c> with a random
/// one-time password that must be changed at first login. There is no default password anywhere.</summary>
public sealed class FirstAdmin(NpgsqlDataSource db, UserStore users)
{
    public const string UserName = "admin";

    /// <summary>The one-time password when an administrator was created now; null when one already existed.</summary>
    public async Task<string?> EnsureAsync(CancellationToken ct)
    {
        // Two processes starting at once must not both create one (the unique name would fail the second
        // anyway, but this way it quietly finds the first).
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock(4343414449)", conn))
            await lockCmd.ExecuteNonQueryAsync(ct);
        try
        {
            if (await users.AnyAdminAsync(ct)) return null;
            if (await users.FindByNameAsync(UserName, ct) is not null)
                throw new SecurityChangeException(
                    $"没有启用的管理员，但用户名 {UserName} 已被占用：请用 `admin reset-password {UserName}` 并在数据库中恢复其角色");
            var password = PasswordPolicy.GenerateOneTime();
            await users.CreateAsync(UserName, "系统管理员", Roles.Admin, password, mustChangePassword: true, AuditActor.System, ct);
            return password;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(4343414449)", conn);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
