using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Core.Security;

/// <summary>Login failure handling (MLPS level 3 asks for a limit on failed logins and a lockout) that an
/// outsider cannot turn against the people who use the system:
/// <list type="bullet">
/// <item><see cref="SecurityOptions.LockoutThreshold"/> consecutive failures for a name from one address lock
/// that name <em>from that address</em> for <see cref="SecurityOptions.LockoutMinutes"/>. Someone guessing
/// admin's password from outside locks only themselves out.</item>
/// <item><see cref="SecurityOptions.AccountLockoutThreshold"/> failures for a name from all addresses together
/// within the lockout period (a guesser spreading over many addresses) lock the name for every address that
/// has never signed in to that account; addresses it has signed in from before still get through, so the
/// real administrator at the duty room's PC is not locked out by the attack.</item>
/// </list>
/// Names are counted as typed, whether or not such an account exists, so the answers (and their timing)
/// are the same for unknown names and wrong passwords.</summary>
public sealed class LoginThrottle(NpgsqlDataSource db, TimeProvider clock, IOptions<SecurityOptions> options)
{
    private const string AllAddresses = "*";

    public static string Key(string userName) => userName.Trim().ToLowerInvariant();

    /// <summary>When the name is locked for this address, until when; otherwise null.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string userName, string? ip, CancellationToken ct)
    {
        const string Sql = """
            SELECT max(t.locked_until)
            FROM login_throttle t
            WHERE t.user_key = @key AND t.locked_until > @now
              AND (t.address = @address
                   OR (t.address = '*' AND NOT EXISTS (
                        SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
                        WHERE lower(u.user_name) = @key AND s.ip = @address)))
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("key", Key(userName));
        cmd.Parameters.AddWithValue("address", ip ?? "");
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DateTime dt ? new DateTimeOffset(dt, TimeSpan.Zero) : value as DateTimeOffset?;
    }

    /// <summary>Counts one failure; returns the lock's end when this failure locked the name for this address.</summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(string userName, string? ip, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var until = now + o.LockoutDuration;
        // One statement per row; a lock starts the count again so the next period needs a full run of failures.
        const string Sql = """
            INSERT INTO login_throttle AS t (user_key, address, failed_count, first_failed_at)
            VALUES (@key, @address, 1, @now)
            ON CONFLICT (user_key, address) DO UPDATE SET
                failed_count    = CASE WHEN @windowed AND t.first_failed_at <= @now - @window THEN 1 ELSE t.failed_count + 1 END,
                first_failed_at = CASE WHEN @windowed AND t.first_failed_at <= @now - @window THEN @now ELSE t.first_failed_at END
            RETURNING failed_count
            """;
        const string LockSql = """
            UPDATE login_throttle SET locked_until = @until, failed_count = 0, first_failed_at = @now
            WHERE user_key = @key AND address = @address
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        DateTimeOffset? lockedHere = null;
        foreach (var (address, threshold, windowed) in new[] { (ip ?? "", o.LockoutThreshold, false), (AllAddresses, o.AccountLockoutThreshold, true) })
        {
            int failures;
            await using (var cmd = new NpgsqlCommand(Sql, conn, tx))
            {
                cmd.Parameters.AddWithValue("key", Key(userName));
                cmd.Parameters.AddWithValue("address", address);
                cmd.Parameters.AddWithValue("now", now);
                cmd.Parameters.AddWithValue("windowed", windowed);
                cmd.Parameters.AddWithValue("window", o.LockoutDuration);
                failures = (int)(await cmd.ExecuteScalarAsync(ct))!;
            }
            if (failures < threshold) continue;
            await using (var cmd = new NpgsqlCommand(LockSql, conn, tx))
            {
                cmd.Parameters.AddWithValue("key", Key(userName));
                cmd.Parameters.AddWithValue("address", address);
                cmd.Parameters.AddWithValue("now", now);
                cmd.Parameters.AddWithValue("until", until);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            if (address != AllAddresses) lockedHere = until;
        }
        await tx.CommitAsync(ct);
        return lockedHere ?? await LockedUntilAsync(userName, ip, ct);
    }

    /// <summary>A success from this address: its run of failures is over. The all-addresses count is left to
    /// expire, so a guesser elsewhere does not get a fresh allowance from the real user's login.</summary>
    public async Task ResetAsync(string userName, string? ip, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("DELETE FROM login_throttle WHERE user_key = @key AND address = @address");
        cmd.Parameters.AddWithValue("key", Key(userName));
        cmd.Parameters.AddWithValue("address", ip ?? "");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
