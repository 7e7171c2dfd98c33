using Npgsql;

namespace CommandCenter.Core.Walls;

/// <summary>Which named walls are online: each wall's circuit (or hub connection) reports a heartbeat with
/// the change-log position its picture is complete up to; the row lives in the database so the admin page
/// on any node sees walls held by every node.</summary>
public sealed class WallPresenceStore(NpgsqlDataSource db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<WallOptions> options)
{
    /// <summary>A wall connected or is still there. A wall that was offline (or never seen) starts a new
    /// "online since"; a reload within the offline window keeps it.</summary>
    public async Task ReportAsync(long kioskId, string connectionId, string node, long position, string? ip, string? userAgent, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO wall_presence AS w (kiosk_id, connection_id, node, online_since, last_heartbeat_at, position, ip, user_agent)
            VALUES (@kiosk, @conn, @node, @now, @now, @position, @ip, @ua)
            ON CONFLICT (kiosk_id) DO UPDATE SET
                online_since = CASE WHEN w.disconnected_at < @now - @window OR w.last_heartbeat_at < @now - @window
                                    THEN excluded.online_since ELSE w.online_since END,
                connection_id = excluded.connection_id, node = excluded.node, last_heartbeat_at = excluded.last_heartbeat_at,
                position = excluded.position, disconnected_at = NULL,
                ip = coalesce(excluded.ip, w.ip), user_agent = coalesce(excluded.user_agent, w.user_agent)
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("kiosk", kioskId);
        cmd.Parameters.AddWithValue("conn", connectionId);
        cmd.Parameters.AddWithValue("node", node);
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        cmd.Parameters.AddWithValue("position", position);
        cmd.Parameters.AddWithValue("ip", (object?)ip ?? DBNull.Value);
        cmd.Parameters.AddWithValue("ua", (object?)(userAgent is { Length: > 300 } ? userAgent[..300] : userAgent) ?? DBNull.Value);
        cmd.Parameters.AddWithValue("window", options.Value.OfflineAfter);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The wall's page or connection closed (only if it is still the one on record: a reload's
    /// new circuit may already have reported).</summary>
    public async Task DisconnectAsync(long kioskId, string connectionId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "UPDATE wall_presence SET disconnected_at = @now WHERE kiosk_id = @kiosk AND connection_id = @conn AND disconnected_at IS NULL");
        cmd.Parameters.AddWithValue("kiosk", kioskId);
        cmd.Parameters.AddWithValue("conn", connectionId);
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every named wall (kiosk credential), active ones first, with its last report.</summary>
    public async Task<IReadOnlyList<WallPresence>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT k.id, k.name, k.location, k.revoked_at IS NULL, w.online_since, w.last_heartbeat_at, w.position, w.node, w.disconnected_at
            FROM kiosk_credentials k LEFT JOIN wall_presence w ON w.kiosk_id = k.id
            ORDER BY k.revoked_at IS NOT NULL, k.name, k.id
            """);
        var list = new List<WallPresence>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new WallPresence(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetBoolean(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
                r.IsDBNull(6) ? null : r.GetInt64(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8)));
        return list;
    }
}
