using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.Tests.Trends;

/// <summary>Varied cases and mediations for trend tests, written by one multi-row statement each (as a
/// batch writer does): every channel, category, grid (and outside every grid), open and closed, late and
/// on time, with 回访 results, reopened cases and units; all stamped in the past so "now" sees them.</summary>
internal static class TrendData
{
    private const string CasesSql = """
        INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at,
                           accepted_at, dispatched_at, deadline_at, closed_at, satisfaction, callback_at,
                           reopened_count, assignee_code)
        SELECT @source, @source || '-' || i, (ARRAY['网格员巡查', '12345热线', '视频告警', '来访', '红管家民情日记'])[1 + h % 5],
               (ARRAY(SELECT code FROM categories ORDER BY code))[1 + (h / 5) % 14], '测试事件',
               CASE WHEN h % 19 = 0 THEN NULL ELSE 'G' || lpad((1 + (h / 70) % @grids)::text, 3, '0') END,
               CASE WHEN closed < now() THEN 'closed' ELSE 'dispatched' END, acc, acc, acc + (h % 90) * interval '1 minute',
               acc + (h % 90) * interval '1 minute' + interval '48 hours',
               CASE WHEN closed < now() THEN closed END,
               CASE WHEN closed + interval '1 day' < now() AND h % 4 <> 0 THEN (ARRAY['满意', '基本满意', '不满意'])[1 + h % 3] END,
               CASE WHEN closed + interval '1 day' < now() AND h % 4 <> 0 THEN closed + interval '1 day' END,
               (h % 23 = 0)::int, (ARRAY['zhujian', 'chengguan', 'gongan', 'wuye', NULL])[1 + (h / 3) % 5]
        FROM generate_series(1, @n) i,
             LATERAL (SELECT abs(hashint4(i + @seed)) AS h) x,
             LATERAL (SELECT now() - @days * interval '1 day' + (h % (@days * 1440)) * interval '1 minute' AS acc) a,
             LATERAL (SELECT CASE WHEN h % 6 = 0 THEN 'infinity'::timestamptz
                                  ELSE acc + ((h / 11) % 100) * interval '1 hour' END AS closed) c
        """;

    private const string MediationsSql = """
        INSERT INTO mediations (source, external_id, grid_code, mediator_type, level, outcome, started_at, ended_at)
        SELECT @source, @source || '-m' || i,
               CASE WHEN h % 13 = 0 THEN NULL ELSE 'G' || lpad((1 + (h / 70) % @grids)::text, 3, '0') END,
               '人民调解员', (ARRAY['网格', '社区', '街道', '区'])[1 + h % 4],
               (ARRAY['调解成功', '部分达成', '调解失败', NULL])[1 + (h / 4) % 4],
               now() - @days * interval '1 day', now() - (h % (@days * 1440)) * interval '1 minute'
        FROM generate_series(1, @n) i, LATERAL (SELECT abs(hashint4(i + @seed)) AS h) x
        """;

    /// <summary>The lattice grids of <see cref="SampleData"/> (4 regions, 25 communities).</summary>
    public static Task<IReadOnlyList<string>> GridsAsync(NpgsqlDataSource db, int count = 40) =>
        SampleData.EnsureGridsAsync(db, count);

    public static async Task AddCasesAsync(NpgsqlDataSource db, string source, int n, int days, int seed, int grids = 40)
    {
        await ExecAsync(db, CasesSql, ("source", source), ("n", n), ("days", days), ("seed", seed), ("grids", grids));
    }

    public static async Task AddMediationsAsync(NpgsqlDataSource db, string source, int n, int days, int seed, int grids = 40)
    {
        await ExecAsync(db, MediationsSql, ("source", source), ("n", n), ("days", days), ("seed", seed), ("grids", grids));
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<int> ExecAsync(NpgsqlDataSource db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return await cmd.ExecuteNonQueryAsync();
    }
}
