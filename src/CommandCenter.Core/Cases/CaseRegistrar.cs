using CommandCenter.Core.Geo;
using Npgsql;

namespace CommandCenter.Core.Cases;

/// <summary>Registers officer-entered cases (source 'officer'): validated, located, accepted at once
/// (受理 happens as the officer takes the call), audited and announced in one transaction.</summary>
public sealed class CaseRegistrar(NpgsqlDataSource db, TimeProvider clock, IGridAssigner? assigner = null)
{
    public const string Source = "officer";

    /// <summary>Returns the new case id, or a Chinese message saying what is wrong with the form.</summary>
    public async Task<(long? Id, string? Error)> RegisterAsync(CaseRegistration r, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(actor)) return (null, "请先填写值班员姓名");
        if (string.IsNullOrWhiteSpace(r.Title)) return (null, "请填写事件标题");
        if (r.Title.Trim().Length > 200) return (null, "事件标题不能超过 200 字");
        if (string.IsNullOrWhiteSpace(r.CategoryCode)) return (null, "请选择事件分类");
        if (r.Priority is < 1 or > 3) return (null, "紧急程度只能是 紧急、较急 或 一般");
        if (r.Longitude is { } lon && r.Latitude is { } lat && (lon is < -180 or > 180 || lat is < -90 or > 90))
            return (null, $"坐标不合法：经度 {lon}，纬度 {lat}");

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var grid = string.IsNullOrWhiteSpace(r.GridCode) ? await LocateAsync(conn, tx, r, ct) : r.GridCode.Trim();
        if (grid is null)
            return (null, r.Longitude is null ? "请选择所属网格，或在地图上点选事件位置" : "所点位置不在任何网格内，请在列表中选择所属网格");
        if (!await ExistsAsync(conn, tx, "SELECT 1 FROM grids WHERE code = @v", grid, ct)) return (null, $"网格 {grid} 不存在");
        if (!await ExistsAsync(conn, tx, "SELECT 1 FROM categories WHERE code = @v", r.CategoryCode, ct))
            return (null, $"事件分类 {r.CategoryCode} 不存在");

        const string Sql = """
            INSERT INTO cases (source, external_id, channel, category_code, title, description, address, location, grid_code,
                               reporter_name, reporter_phone, priority, status, reported_at, accepted_at, created_at, updated_at)
            VALUES (@source, 'O' || nextval('officer_case_seq'), @channel, @category, @title, @description, @address,
                    CASE WHEN @lon::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(@lon, @lat), 4326) END, @grid,
                    @reporter, @phone, @priority, @status, @now, @now, @now, @now)
            RETURNING id
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        var now = clock.GetUtcNow();
        var p = cmd.Parameters;
        p.AddWithValue("source", Source);
        p.AddWithValue("channel", string.IsNullOrWhiteSpace(r.Channel) ? "群众来电" : r.Channel.Trim());
        p.AddWithValue("category", r.CategoryCode);
        p.AddWithValue("title", r.Title.Trim());
        p.AddWithValue("description", r.Description.Trim());
        p.AddWithValue("address", CaseStateStore.Db(r.Address?.Trim()));
        p.Add(new NpgsqlParameter("lon", NpgsqlTypes.NpgsqlDbType.Double) { Value = r.Longitude is { } x ? x : DBNull.Value });
        p.Add(new NpgsqlParameter("lat", NpgsqlTypes.NpgsqlDbType.Double) { Value = r.Latitude is { } y ? y : DBNull.Value });
        p.AddWithValue("grid", grid);
        p.AddWithValue("reporter", CaseStateStore.Db(r.ReporterName?.Trim()));
        p.AddWithValue("phone", CaseStateStore.Db(r.ReporterPhone?.Trim()));
        p.AddWithValue("priority", r.Priority);
        p.AddWithValue("status", CaseStatus.Accepted);
        p.AddWithValue("now", now);
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;

        var registered = Decision.Ok(new CaseState { Id = id, Status = CaseStatus.Accepted, GridCode = grid }, CaseActionKind.Register,
            $"{r.Channel}登记", new Dictionary<string, object?> { ["channel"] = r.Channel, ["grid"] = grid });
        await CaseActions.AppendEventAsync(conn, tx, id, now, actor.Trim(), registered, null, CaseStatus.Accepted, ct);
        await CaseActions.AppendChangeAsync(conn, tx, [registered.NewState!], CaseActionKind.Register, ct);
        await tx.CommitAsync(ct);
        return (id, null);
    }

    /// <summary>The grid a clicked point falls in, or null outside every grid.</summary>
    public async Task<string?> LocateAsync(double longitude, double latitude, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        return await LocateAsync(conn, tx, new CaseRegistration { Longitude = longitude, Latitude = latitude }, ct);
    }

    private async Task<string?> LocateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseRegistration r, CancellationToken ct)
    {
        if (r.Longitude is not { } lon || r.Latitude is not { } lat) return null;
        // The in-process assigner (geo feature) when the app registered it; PostGIS otherwise.
        if (assigner is not null)
        {
            var a = assigner.Assign(lon, lat);
            if (a.Flag == LocationFlag.Inside) return a.GridCode;
        }
        await using var cmd = new NpgsqlCommand(
            "SELECT code FROM grids WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)) ORDER BY code LIMIT 1", conn, tx);
        cmd.Parameters.AddWithValue("lon", lon);
        cmd.Parameters.AddWithValue("lat", lat);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, string value, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue("v", value);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }
}
