using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Core.Walls;

/// <summary>Wall commands: sent and released in one transaction each with their audit line and a
/// <see cref="WallCommandChange"/> entry, so every web node hears of them through the change feed and
/// nothing reaches a wall that is not committed. Only 值班员 and 领导 may send, checked here as well as by
/// the policies in front: whatever path a request takes, a wall screen's credential never sends.</summary>
public sealed class WallStore(NpgsqlDataSource db, TimeProvider clock, IOptions<WallOptions> options)
{
    private const string Columns = """
        id, kind, target_kiosk_id, grid_code, region_code, case_id, label, issued_at, issued_by, expires_at, released_at, released_by
        """;

    public static bool MaySend(string? role) => role is Roles.Officer or Roles.Leader;

    /// <param name="issuedBy">how the desk and the wall name the sender ("显示名（用户名）"); the audit line
    /// keeps <paramref name="actor"/>'s user name.</param>
    public async Task<WallCommand> SendAsync(WallCommandRequest request, AuditActor actor, CancellationToken ct, string? issuedBy = null)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!MaySend(actor.Role))
        {
            await using var refusedTx = await conn.BeginTransactionAsync(ct);
            await AuditLog.AppendAsync(conn, refusedTx, new AuditEntry(actor.Name, actor.Role, AuditActions.WallCommandRefused,
                request.Kind, actor.Ip, Succeeded: false), now, ct);
            await refusedTx.CommitAsync(ct);
            throw new WallCommandException("只有值班员和领导可以向大屏发送指令");
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        var duration = Duration(request.DurationSeconds);
        var label = await CheckAsync(conn, tx, request, ct);

        // A newer command replaces what it covers: one to every wall ends all, one to a wall ends that wall's.
        await using (var supersede = new NpgsqlCommand("""
            UPDATE wall_commands SET released_at = @now, released_by = '新指令替换'
            WHERE released_at IS NULL AND expires_at > @now AND (@kiosk::bigint IS NULL OR target_kiosk_id = @kiosk)
            """, conn, tx))
        {
            supersede.Parameters.AddWithValue("now", now);
            supersede.Parameters.AddWithValue("kiosk", (object?)request.KioskId ?? DBNull.Value);
            await supersede.ExecuteNonQueryAsync(ct);
        }
        WallCommand command;
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO wall_commands (kind, target_kiosk_id, grid_code, region_code, case_id, label, issued_at, issued_by, expires_at)
            VALUES (@kind, @kiosk, @grid, @region, @case, @label, @now, @by, @expires)
            RETURNING {Columns}
            """, conn, tx))
        {
            insert.Parameters.AddWithValue("kind", request.Kind);
            insert.Parameters.AddWithValue("kiosk", (object?)request.KioskId ?? DBNull.Value);
            insert.Parameters.AddWithValue("grid", (object?)request.GridCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("region", (object?)request.RegionCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("case", (object?)request.CaseId ?? DBNull.Value);
            insert.Parameters.AddWithValue("label", label);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("by", issuedBy ?? actor.Name);
            insert.Parameters.AddWithValue("expires", now + duration);
            await using var r = await insert.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            command = Read(r);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.WallCommandSent, label, actor.Ip,
            Details: new Dictionary<string, string?>
            {
                ["command"] = command.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["wall"] = request.KioskId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "全部大屏",
                ["minutes"] = duration.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
            }), now, ct);
        await ChangeLog.AppendAsync(conn, tx, new WallCommandChange(command.Id, request.KioskId, "send"), ct);
        await tx.CommitAsync(ct);
        return command;
    }

    /// <summary>Ends a command before its time; false when it had already ended.</summary>
    public async Task<bool> ReleaseAsync(long id, AuditActor actor, CancellationToken ct)
    {
        if (!MaySend(actor.Role)) throw new WallCommandException("只有值班员和领导可以解除大屏指令");
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string? label;
        long? kiosk;
        await using (var cmd = new NpgsqlCommand("""
            UPDATE wall_commands SET released_at = @now, released_by = @by
            WHERE id = @id AND released_at IS NULL AND expires_at > @now
            RETURNING label, target_kiosk_id
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("by", actor.Name);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return false;
            label = r.GetString(0);
            kiosk = r.IsDBNull(1) ? null : r.GetInt64(1);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.WallCommandReleased, label, actor.Ip,
            Details: new Dictionary<string, string?> { ["command"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }), now, ct);
        await ChangeLog.AppendAsync(conn, tx, new WallCommandChange(id, kiosk, "release"), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The commands in force at <paramref name="now"/>, newest first.</summary>
    public async Task<IReadOnlyList<WallCommand>> InForceAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM wall_commands WHERE released_at IS NULL AND expires_at > @now ORDER BY id DESC
            """);
        cmd.Parameters.AddWithValue("now", now);
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>The latest commands, in force or not (the desk's history list).</summary>
    public async Task<IReadOnlyList<WallCommand>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM wall_commands ORDER BY id DESC LIMIT @limit");
        cmd.Parameters.AddWithValue("limit", limit);
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>The command a wall follows now: the newest in force that addresses it.</summary>
    public static WallCommand? CurrentFor(IEnumerable<WallCommand> inForce, long? kioskId, DateTimeOffset now) =>
        inForce.Where(c => c.InForceAt(now) && c.Addresses(kioskId)).MaxBy(c => c.Id);

    private TimeSpan Duration(int? seconds)
    {
        var o = options.Value;
        if (seconds is null) return o.DefaultDuration;
        var d = TimeSpan.FromSeconds(seconds.Value);
        if (d < TimeSpan.FromSeconds(5) || d > o.MaxDuration)
            throw new WallCommandException($"持续时间须在 5 秒到 {o.MaxDuration.TotalMinutes:0} 分钟之间（收到 {seconds} 秒）");
        return d;
    }

    // Checks the request against the database and names it for the desk and the wall.
    private static async Task<string> CheckAsync(NpgsqlConnection conn, NpgsqlTransaction tx, WallCommandRequest q, CancellationToken ct)
    {
        if (q.KioskId is { } kiosk && await ScalarAsync(conn, tx, "SELECT name FROM kiosk_credentials WHERE id = @v AND revoked_at IS NULL", kiosk, ct) is null)
            throw new WallCommandException($"大屏 #{kiosk} 不存在或已撤销");
        switch (q.Kind)
        {
            case WallCommandKinds.Focus when q.GridCode is { Length: > 0 } grid:
                return "聚焦网格 " + (await ScalarAsync(conn, tx, "SELECT name FROM grids WHERE code = @v", grid, ct)
                    ?? throw new WallCommandException($"网格 {grid} 不存在"));
            case WallCommandKinds.Focus when q.RegionCode is { Length: > 0 } region:
                return "聚焦片区 " + await RegionNameAsync(conn, tx, region, ct);
            case WallCommandKinds.Focus:
                throw new WallCommandException("聚焦需要选择一个网格或片区");
            case WallCommandKinds.Spotlight when q.CaseId is { } id:
                var title = await ScalarAsync(conn, tx, "SELECT title FROM cases WHERE id = @v", id, ct)
                    ?? throw new WallCommandException($"事件 #{id} 不存在");
                return $"特写事件 #{id} " + Privacy.Masking.FreeText(title.Length > 30 ? title[..30] + "…" : title);
            case WallCommandKinds.Spotlight:
                throw new WallCommandException("特写需要事件编号");
            case WallCommandKinds.Scene when q.RegionCode is { Length: > 0 } region:
                return "场景：" + await RegionNameAsync(conn, tx, region, ct);
            case WallCommandKinds.Scene:
                return "场景：全局态势";
            default:
                throw new WallCommandException($"未知的指令类型「{q.Kind}」（可用：focus、spotlight、scene）");
        }
    }

    private static async Task<string> RegionNameAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string region, CancellationToken ct) =>
        await ScalarAsync(conn, tx, "SELECT name FROM regions WHERE code = @v", region, ct) ?? throw new WallCommandException($"片区 {region} 不存在");

    private static async Task<string?> ScalarAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, object value, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue("v", value);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static async Task<IReadOnlyList<WallCommand>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<WallCommand>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    private static WallCommand Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7), r.GetString(8), r.GetFieldValue<DateTimeOffset>(9),
        r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11));
}
