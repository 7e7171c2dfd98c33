using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>A person created for a test, with the password to log in as them.</summary>
public sealed record TestUser(long Id, string UserName, string Password, string Role);

/// <summary>Creates users and kiosk credentials straight in a test database, so tests of any feature
/// can log in the way people do (see <see cref="WebApp"/>).</summary>
public static class TestUsers
{
    public const string Password = "Test-Passw0rd!";

    private static readonly PasswordHasher<UserAccount> Hasher = new();
    private static readonly Lazy<string> Hash = new(() => Hasher.HashPassword(null!, Password));

    /// <summary>The unit a 承办单位 / 网格员 test account acts for when the test names none.</summary>
    public const string DefaultUnit = "chengguan";

    /// <summary>A person of <paramref name="role"/> (a <see cref="Roles"/> code) with a unique name. A 承办单位 or
    /// 网格员 is bound to <paramref name="unitCode"/> (default <see cref="DefaultUnit"/>; a 网格员 also covers
    /// <paramref name="gridCodes"/>, default its unit).</summary>
    public static async Task<TestUser> CreateAsync(NpgsqlDataSource db, string role, string? userName = null,
        string? displayName = null, bool mustChangePassword = false, string? unitCode = null, string[]? gridCodes = null)
    {
        userName ??= $"{role}-{Guid.NewGuid():N}"[..20];
        var unit = Roles.IsUnitRole(role) ? unitCode ?? DefaultUnit : null;
        var grids = role == Roles.Worker ? gridCodes ?? [unit!] : [];
        await using var cmd = db.CreateCommand("""
            INSERT INTO users (user_name, display_name, role, password_hash, must_change_password, created_at, unit_code, grid_codes)
            VALUES (@name, @display, @role, @hash, @must, now(), @unit, @grids) RETURNING id
            """);
        cmd.Parameters.AddWithValue("unit", (object?)unit ?? DBNull.Value);
        cmd.Parameters.AddWithValue("grids", grids);
        cmd.Parameters.AddWithValue("name", userName);
        cmd.Parameters.AddWithValue("display", displayName ?? $"测试{Roles.Label(role)}");
        cmd.Parameters.AddWithValue("role", role);
        cmd.Parameters.AddWithValue("hash", Hash.Value);
        cmd.Parameters.AddWithValue("must", mustChangePassword);
        var id = (long)(await cmd.ExecuteScalarAsync())!;
        return new TestUser(id, userName, Password, role);
    }

    /// <summary>A kiosk credential; returns its id and the token for <c>/kiosk/{token}</c>.</summary>
    public static async Task<(long Id, string Token)> CreateKioskAsync(NpgsqlDataSource db, string name = "测试大屏")
    {
        var token = $"test-{Guid.NewGuid():N}{Guid.NewGuid():N}";
        await using var cmd = db.CreateCommand("""
            INSERT INTO kiosk_credentials (name, location, token_hash, created_at, created_by)
            VALUES (@name, '测试', @hash, now(), 'test') RETURNING id
            """);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("hash", KioskStore.Hash(token));
        return ((long)(await cmd.ExecuteScalarAsync())!, token);
    }
}
