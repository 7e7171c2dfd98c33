using Npgsql;

namespace CommandCenter.Core.Cases;

/// <summary>Loads a <see cref="CaseDetail"/> in one snapshot (a repeatable-read transaction), so the timeline
/// always matches the state and version shown beside it.</summary>
public sealed class CaseDetailReader(NpgsqlDataSource db)
{
    /// <summary>The case with personal data masked: what every case page shows by default. Masking here,
    /// not in the page, means no page can forget it.</summary>
    public async Task<CaseDetail?> LoadAsync(long id, CancellationToken ct) => (await LoadUnmaskedAsync(id, ct))?.Masked();

    /// <summary>The case as stored, personal data included. Only for a 值班员 who pressed 查看个人信息, after
    /// that viewing has been written to the audit log.</summary>
    public Task<CaseDetail?> LoadWithPersonalDataAsync(long id, CancellationToken ct) => LoadUnmaskedAsync(id, ct);

    private async Task<CaseDetail?> LoadUnmaskedAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var state = await CaseStateStore.LoadAsync(conn, tx, id, ct);
        if (state is null) return null;
        const string Sql = """
            SELECT c.title, c.description, k.name, c.source, c.external_id, c.channel, c.address,
                   ST_X(c.location), ST_Y(c.location), c.location_flag, g.name, m.name, rg.name,
                   ST_AsGeoJSON(g.geom, 6), c.reporter_name, c.reporter_phone, c.reported_at,
                   c.reporter_worker_id, rw.name
            FROM cases c JOIN categories k ON k.code = c.category_code
            LEFT JOIN roster_people rw ON rw.worker_id = c.reporter_worker_id
            LEFT JOIN grids g ON g.code = c.grid_code
            LEFT JOIN communities m ON m.code = g.community_code
            LEFT JOIN regions rg ON rg.code = g.region_code
            WHERE c.id = @id
            """;
        CaseDetail detail;
        await using (var cmd = new NpgsqlCommand(Sql, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            detail = new CaseDetail
            {
                State = state, Title = r.GetString(0), Description = r.GetString(1), CategoryName = r.GetString(2),
                Source = r.GetString(3), ExternalId = r.GetString(4), Channel = r.GetString(5), Address = S(r, 6),
                Longitude = r.IsDBNull(7) ? null : r.GetDouble(7), Latitude = r.IsDBNull(8) ? null : r.GetDouble(8),
                LocationFlag = S(r, 9), GridName = S(r, 10), CommunityName = S(r, 11), RegionName = S(r, 12), GridGeoJson = S(r, 13),
                ReporterName = S(r, 14), ReporterPhone = S(r, 15), ReportedAt = r.GetFieldValue<DateTimeOffset>(16),
                // 网格员巡查上报 (issue 15): the worker by the roster's name, an id it does not know as such.
                ReportingWorker = r.IsDBNull(17) ? null : new Patrols.WorkerRef(r.GetString(17), S(r, 18)),
            };
        }
        return detail with
        {
            Timeline = await TimelineAsync(conn, tx, id, ct),
            Mediations = await MediationsAsync(conn, tx, id, ct),
            Duplicates = await DuplicatesAsync(conn, tx, id, ct),
        };
    }

    private static async Task<List<CaseDetail.TimelineEntry>> TimelineAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT at, actor, action, from_status, to_status, note FROM (
                SELECT at, actor, action, from_status, to_status, note, 0 AS src, id FROM case_events WHERE case_id = @id
                -- Notices and their read receipts belong to the case's story: who was told what, and when they read it.
                UNION ALL
                SELECT created_at, created_by, 'notice', NULL, NULL,
                       '[' || CASE kind WHEN 'urge' THEN '催办' WHEN 'supervise' THEN '督办' WHEN 'due-soon' THEN '临期'
                                        WHEN 'instruction' THEN '批示' WHEN 'lead' THEN '领导包案' ELSE '超时未签收' END || '] → '
                           || coalesce((SELECT name FROM departments WHERE code = n.unit_code),
                                       (SELECT name FROM communities WHERE code = n.unit_code),
                                       (SELECT name FROM grids WHERE code = n.unit_code), n.unit_code, '指挥中心') || '：' || text,
                       1, id
                FROM notices n WHERE case_id = @id
                UNION ALL
                SELECT read_at, read_by, 'notice-read', NULL, NULL, '已阅：' || text, 2, id FROM notices WHERE case_id = @id AND read_at IS NOT NULL
            ) t ORDER BY at, src, id
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CaseDetail.TimelineEntry>();
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), S(r, 3), S(r, 4), S(r, 5)));
        return list;
    }

    private static async Task<List<CaseDetail.MediationEntry>> MediationsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT mediator_type, level, outcome, failure_route, agreement, started_at, ended_at
            FROM mediations WHERE case_id = @id ORDER BY started_at, id
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CaseDetail.MediationEntry>();
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetString(0), r.GetString(1), S(r, 2), S(r, 3), S(r, 4), r.GetFieldValue<DateTimeOffset>(5),
                r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6)));
        return list;
    }

    private static async Task<List<long>> DuplicatesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id FROM cases WHERE merged_into = @id ORDER BY id", conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<long>();
        while (await r.ReadAsync(ct)) list.Add(r.GetInt64(0));
        return list;
    }

    private static string? S(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
