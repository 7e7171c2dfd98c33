using System.Diagnostics;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>The history the trends benchmark reads: 133 grids in 25 村居 and 4 片区, and N cases spread
/// over D days, generated in PostgreSQL with generate_series (the fastest way to a 10-million-row history;
/// the values are hash-derived, so every run has the same data).</summary>
internal static class TrendsBenchData
{
    public const string GeographySql = """
        INSERT INTO regions (code, name) SELECT 'P' || r, (ARRAY['东片', '西片', '南片', '北片'])[r] FROM generate_series(1, 4) r;
        INSERT INTO communities (code, name, kind, region_code)
        SELECT 'C' || lpad(c::text, 2, '0'), '第' || c || '村居', CASE WHEN c <= 7 THEN '居民区' ELSE '社区' END, 'P' || (1 + (c - 1) % 4)
        FROM generate_series(1, 25) c;
        INSERT INTO grids (code, name, community_code, region_code, geom)
        SELECT 'G' || lpad(g::text, 3, '0'), '第' || g || '网格', 'C' || lpad((1 + (g - 1) * 25 / 133)::text, 2, '0'),
               'P' || (1 + ((g - 1) * 25 / 133) % 4),
               ST_Multi(ST_MakeEnvelope(119.88 + (g - 1) % 12 * 0.004, 31.0 + (g - 1) / 12 * 0.004,
                                        119.884 + (g - 1) % 12 * 0.004, 31.004 + (g - 1) / 12 * 0.004, 4326))
        FROM generate_series(1, 133) g;
        """;

    // Hotspots are skewed (a few grids and categories get most cases); recent cases are partly still open.
    public const string CasesSql = """
        INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at,
                           accepted_at, dispatched_at, assignee_code, deadline_at, closed_at, satisfaction, callback_at,
                           reopened_count, priority)
        SELECT @source, i::text, (ARRAY['网格员巡查', '网格员巡查', '网格员巡查', '12345热线', '12345热线', '红管家民情日记',
                                        '视频告警', '来访', '部门移交', '民主议事厅'])[1 + h % 10],
               (ARRAY['drainpipe', 'sewer', 'septic', 'property', 'parking', 'parking', 'dog', 'noise', 'noise', 'sanitation',
                      'sanitation', 'group_rental', 'safety', 'public_order', 'illegal_build', 'assistance', 'dispute'])[1 + (h / 10) % 17],
               '事件', CASE WHEN h % 97 = 0 THEN NULL
                            ELSE 'G' || lpad((1 + least((h / 170) % 133, (h / 23) % 133))::text, 3, '0') END,
               CASE WHEN closed < @now THEN 'closed' ELSE 'dispatched' END,
               acc, acc, acc + ((h / 7) % 240) * interval '1 minute',
               (ARRAY['zhujian', 'chengguan', 'gongan', 'shichang', 'wuye', 'xiaofang', 'minzheng', 'sifa', NULL])[1 + (h / 3) % 9],
               acc + interval '72 hours', CASE WHEN closed < @now THEN closed END,
               CASE WHEN closed + interval '2 days' < @now AND h % 5 <> 0 THEN (ARRAY['满意', '满意', '满意', '基本满意', '不满意'])[1 + (h / 13) % 5] END,
               CASE WHEN closed + interval '2 days' < @now AND h % 5 <> 0 THEN closed + interval '2 days' END,
               (h % 41 = 0)::int, 1 + h % 3
        FROM generate_series(@lo, @hi) i,
             LATERAL (SELECT abs(hashint8(i)) AS h) x,
             LATERAL (SELECT @now - @days * interval '1 day' + (i::float8 / @n) * @days * interval '1 day' AS acc) a,
             LATERAL (SELECT acc + ((h / 11) % 110) * interval '1 hour' AS closed) c
        """;

    public const string MediationsSql = """
        INSERT INTO mediations (source, external_id, grid_code, mediator_type, level, outcome, started_at, ended_at)
        SELECT 'bench', i::text, 'G' || lpad((1 + (h / 70) % 133)::text, 3, '0'), '人民调解员',
               (ARRAY['网格', '网格', '社区', '街道', '区'])[1 + h % 5], (ARRAY['调解成功', '调解成功', '部分达成', '调解失败'])[1 + (h / 5) % 4],
               @now - @days * interval '1 day' + (i::float8 / @n) * @days * interval '1 day',
               @now - @days * interval '1 day' + (i::float8 / @n) * @days * interval '1 day' + interval '3 days'
        FROM generate_series(1, @n) i, LATERAL (SELECT abs(hashint8(i + 7)) AS h) x
        WHERE @now - @days * interval '1 day' + (i::float8 / @n) * @days * interval '1 day' + interval '3 days' < @now
        """;

    /// <summary>Loads <paramref name="cases"/> cases with the rollup triggers off (they are rebuilt after,
    /// timed separately); returns the load time in seconds.</summary>
    public static async Task<double> LoadAsync(NpgsqlDataSource db, long cases, int days, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await Exec(conn, GeographySql, ct);
        await Exec(conn, "ALTER TABLE cases DISABLE TRIGGER trend_cases_insert; ALTER TABLE mediations DISABLE TRIGGER trend_mediations_insert", ct);
        var sw = Stopwatch.StartNew();
        const long Chunk = 500_000;
        for (long lo = 1; lo <= cases; lo += Chunk)
        {
            var hi = Math.Min(cases, lo + Chunk - 1);
            await Exec(conn, CasesSql, ct, ("source", "bench"), ("lo", lo), ("hi", hi), ("n", cases), ("days", days), ("now", now));
            BenchContext.Log($"loaded {hi:N0} / {cases:N0} cases ({sw.Elapsed.TotalSeconds:F0} s)");
        }
        await Exec(conn, MediationsSql, ct, ("n", cases / 40), ("days", days), ("now", now));
        var load = sw.Elapsed.TotalSeconds;
        await Exec(conn, "ALTER TABLE cases ENABLE TRIGGER trend_cases_insert; ALTER TABLE mediations ENABLE TRIGGER trend_mediations_insert", ct);
        return load;
    }

    public static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value is DateTimeOffset d ? d.ToUniversalTime() : value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
