using CommandCenter.Core.ChangeFeed;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>Test data written exactly as writers do: one transaction whose last statement appends the
/// change-log row (so the change feed announces it). Grids are a plain lattice of squares near the
/// county seat: enough for the wall and the KPIs, not a stand-in for the geography feature.</summary>
public static class SampleData
{
    public const double West = 119.88, South = 31.00, Cell = 0.004;

    /// <summary>Creates <paramref name="count"/> grids G001… in 4 regions (P1–P4) and 25 communities
    /// (C01–C25) unless grids exist already. Returns the grid codes.</summary>
    public static async Task<IReadOnlyList<string>> EnsureGridsAsync(NpgsqlDataSource db, int count = 133)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var check = new NpgsqlCommand("SELECT count(*) FROM grids", conn))
            if ((long)(await check.ExecuteScalarAsync())! > 0)
                return await CodesAsync(conn);
        await using var tx = await conn.BeginTransactionAsync();
        string[] regionNames = ["东片", "西片", "南片", "北片"];
        for (var r = 0; r < 4; r++)
            await ExecAsync(conn, tx, "INSERT INTO regions (code, name) VALUES (@c, @n)", ("c", $"P{r + 1}"), ("n", regionNames[r]));
        for (var c = 0; c < 25; c++)
            await ExecAsync(conn, tx, "INSERT INTO communities (code, name, kind, region_code) VALUES (@c, @n, '社区', @r)",
                ("c", $"C{c + 1:00}"), ("n", $"测试{c + 1}社区"), ("r", $"P{c % 4 + 1}"));
        const int Columns = 12;
        for (var i = 0; i < count; i++)
        {
            var x = West + i % Columns * Cell;
            var y = South + i / Columns * Cell;
            var community = i * 25 / count;
            await ExecAsync(conn, tx, """
                INSERT INTO grids (code, name, community_code, region_code, geom)
                VALUES (@code, @name, @community, @region, ST_Multi(ST_MakeEnvelope(@x0, @y0, @x1, @y1, 4326)))
                """, ("code", $"G{i + 1:000}"), ("name", $"第{i + 1}网格"), ("community", $"C{community + 1:00}"),
                ("region", $"P{community % 4 + 1}"), ("x0", x), ("y0", y), ("x1", x + Cell), ("y1", y + Cell));
        }
        await ChangeLog.AppendAsync(conn, tx, new GridsChange(0, count, "sample-lattice"), CancellationToken.None);
        await tx.CommitAsync();
        return await CodesAsync(conn);
    }

    /// <summary>The centre of grid number <paramref name="index"/> (0-based) of the lattice.</summary>
    public static (double Lon, double Lat) CentreOf(int index) =>
        (West + index % 12 * Cell + Cell / 2, South + index / 12 * Cell + Cell / 2);

    /// <summary>Writes cases in one transaction ending with the change-log append; returns their ids.</summary>
    public static async Task<IReadOnlyList<long>> AddCasesAsync(NpgsqlDataSource db, IEnumerable<CaseSpec> cases)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var ids = new List<long>();
        var grids = new HashSet<string>();
        foreach (var c in cases)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO cases (source, external_id, channel, category_code, title, address, location, grid_code,
                    reporter_name, reporter_phone, priority, status, reported_at, accepted_at, dispatched_at, deadline_at,
                    closed_at, supervise_level, satisfaction, callback_at, reopened_count, merged_into)
                VALUES (@source, @ext, @channel, @category, @title, @address,
                    CASE WHEN @lon::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(@lon, @lat), 4326) END, @grid,
                    @name, @phone, @priority, @status, @reported, @accepted, @dispatched, @deadline,
                    @closed, @supervise, @satisfaction, @callback, @reopened, @merged)
                RETURNING id
                """, conn, tx);
            var accepted = c.AcceptedAt;
            cmd.Parameters.AddWithValue("source", c.Source);
            cmd.Parameters.AddWithValue("ext", c.ExternalId ?? Guid.NewGuid().ToString("N"));
            cmd.Parameters.AddWithValue("channel", c.Channel);
            cmd.Parameters.AddWithValue("category", c.Category);
            cmd.Parameters.AddWithValue("title", c.Title);
            cmd.Parameters.AddWithValue("address", NpgsqlDbType.Text, (object?)c.Address ?? DBNull.Value);
            cmd.Parameters.AddWithValue("lon", NpgsqlDbType.Double, (object?)c.Lon ?? DBNull.Value);
            cmd.Parameters.AddWithValue("lat", NpgsqlDbType.Double, (object?)c.Lat ?? DBNull.Value);
            cmd.Parameters.AddWithValue("grid", NpgsqlDbType.Text, (object?)c.Grid ?? DBNull.Value);
            cmd.Parameters.AddWithValue("name", NpgsqlDbType.Text, (object?)c.ReporterName ?? DBNull.Value);
            cmd.Parameters.AddWithValue("phone", NpgsqlDbType.Text, (object?)c.ReporterPhone ?? DBNull.Value);
            cmd.Parameters.AddWithValue("priority", (short)c.Priority);
            cmd.Parameters.AddWithValue("status", c.Status);
            cmd.Parameters.AddWithValue("reported", (c.ReportedAt ?? accepted).ToUniversalTime());
            AddTime(cmd, "accepted", accepted);
            AddTime(cmd, "dispatched", c.DispatchedAt);
            AddTime(cmd, "deadline", c.DeadlineAt);
            AddTime(cmd, "closed", c.ClosedAt);
            cmd.Parameters.AddWithValue("supervise", (short)c.SuperviseLevel);
            cmd.Parameters.AddWithValue("satisfaction", NpgsqlDbType.Text, (object?)c.Satisfaction ?? DBNull.Value);
            AddTime(cmd, "callback", c.CallbackAt);
            cmd.Parameters.AddWithValue("reopened", (short)c.ReopenedCount);
            cmd.Parameters.AddWithValue("merged", NpgsqlDbType.Bigint, (object?)c.MergedInto ?? DBNull.Value);
            ids.Add((long)(await cmd.ExecuteScalarAsync())!);
            if (c.Grid is not null) grids.Add(c.Grid);
        }
        // Every case here is new: named as the ingest writer names them, so hub clients see them as new cases.
        await ChangeLog.AppendAsync(conn, tx, new IncidentsChange(ids, [.. grids.Order(StringComparer.Ordinal)], "sample", ids.Count, 0, [], ids), CancellationToken.None);
        await tx.CommitAsync();
        return ids;
    }

    public static async Task AddPatrolAsync(NpgsqlDataSource db, string workerId, string kind, DateTimeOffset at, string? grid)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await ExecAsync(conn, tx, """
            INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
            VALUES ('grid-app', @ext, @worker, @name, @kind, @at, @grid)
            """, ("ext", Guid.NewGuid().ToString("N")), ("worker", workerId), ("name", "王网格"), ("kind", kind),
            ("at", at.ToUniversalTime()), ("grid", (object?)grid ?? DBNull.Value));
        await ChangeLog.AppendAsync(conn, tx, new PatrolsChange([], grid is null ? [] : [grid], "grid-app", [workerId], 1), CancellationToken.None);
        await tx.CommitAsync();
    }

    public static async Task AddMediationAsync(NpgsqlDataSource db, string level, string? outcome, DateTimeOffset endedAt, string? grid)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await ExecAsync(conn, tx, """
            INSERT INTO mediations (source, external_id, grid_code, mediator_type, level, outcome, started_at, ended_at)
            VALUES ('mediation', @ext, @grid, '人民调解员', @level, @outcome, @started, @ended)
            """, ("ext", Guid.NewGuid().ToString("N")), ("grid", (object?)grid ?? DBNull.Value), ("level", level),
            ("outcome", (object?)outcome ?? DBNull.Value), ("started", endedAt.AddHours(-2).ToUniversalTime()),
            ("ended", endedAt.ToUniversalTime()));
        await ChangeLog.AppendAsync(conn, tx, new MediationsChange([], grid is null ? [] : [grid], "mediation", [], 1), CancellationToken.None);
        await tx.CommitAsync();
    }

    private static void AddTime(NpgsqlCommand cmd, string name, DateTimeOffset? value) =>
        cmd.Parameters.AddWithValue(name, NpgsqlDbType.TimestampTz, value is { } v ? v.ToUniversalTime() : DBNull.Value);

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, params (string Name, object Value)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<string>> CodesAsync(NpgsqlConnection conn)
    {
        var list = new List<string>();
        await using var cmd = new NpgsqlCommand("SELECT code FROM grids ORDER BY code", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }
}
