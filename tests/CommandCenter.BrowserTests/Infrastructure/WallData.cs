using CommandCenter.Core.Geo;
using CommandCenter.Core.Time;
using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>A believable week on the 133 grids (seeded, so every run draws the same wall): cases over
/// seven days in every state, patrols today, callbacks and mediations. Enough for the wall to look as it
/// would at work and for screenshots a duty officer can judge.</summary>
public static class WallData
{
    private static readonly string[] Names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴强", "徐丽", "孙浩"];
    private static readonly (string Code, string Title)[] Categories =
    [
        ("sewer", "小区下水道堵塞，污水外溢"), ("drainpipe", "楼道落水管老化破裂"), ("parking", "消防通道乱停车"),
        ("noise", "夜间空调外机噪音扰民"), ("sanitation", "垃圾分类点满溢未清运"), ("property", "物业费争议，住户投诉"),
        ("dog", "邻里养狗纠纷"), ("safety", "电动车楼道充电，消防隐患"), ("group_rental", "疑似群租房"),
        ("illegal_build", "屋顶违章搭建"), ("septic", "化粪池满溢"), ("assistance", "独居老人微心愿"),
    ];

    /// <summary>Imports the committed 133 grids (assets/geo/grids.geojson) with the geography feature's
    /// importer, so ingest assigns points to them exactly as in production. Returns each grid's code and
    /// a point inside it, ordered by code.</summary>
    public static async Task<IReadOnlyList<(string Code, double Lon, double Lat)>> ImportGridsAsync(NpgsqlDataSource db)
    {
        var file = await File.ReadAllBytesAsync(Path.Combine(TestCluster.RepoRoot, "assets", "geo", "grids.geojson"));
        await new GridImporter(db).ImportAsync(file, "grids.geojson", CancellationToken.None);
        var list = new List<(string, double, double)>();
        await using var cmd = db.CreateCommand("SELECT code, ST_X(p), ST_Y(p) FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grids) g ORDER BY code");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add((r.GetString(0), r.GetDouble(1), r.GetDouble(2)));
        return list;
    }

    public static async Task<IReadOnlyList<(string Code, double Lon, double Lat)>> SeedAsync(NpgsqlDataSource db, DateTimeOffset now)
    {
        var grids = await ImportGridsAsync(db);
        var random = new Random(20260310);
        var today = Shanghai.StartOfDay(now);
        var cases = new List<CaseSpec>();
        for (var day = 6; day >= 0; day--)
        {
            var dayStart = today.AddDays(-day);
            var dayEnd = day == 0 ? now : dayStart.AddDays(1);
            var spanMinutes = Math.Max(1, (dayEnd - dayStart).TotalMinutes);
            var count = day == 0 ? 40 : 35 + random.Next(25);
            for (var i = 0; i < count; i++)
            {
                var accepted = dayStart.AddMinutes(random.NextDouble() * spanMinutes * 0.98);
                var (code, title) = Categories[random.Next(Categories.Length)];
                var (gridCode, lon, lat) = grids[random.Next(grids.Count)];
                var deadline = accepted.AddHours(random.Next(4) switch { 0 => 4, 1 => 24, 2 => 48, _ => 72 });
                var closedAt = accepted.AddHours(1 + random.NextDouble() * 30);
                var closed = closedAt < now && random.NextDouble() < (day == 0 ? 0.45 : 0.93);
                var priority = random.NextDouble() < 0.06 ? 1 : random.NextDouble() < 0.2 ? 2 : 3;
                var name = Names[random.Next(Names.Length)];
                cases.Add(new CaseSpec(accepted)
                {
                    Category = code, Title = title, Grid = gridCode, Lon = lon, Lat = lat,
                    ReporterName = name, ReporterPhone = $"1{random.Next(3, 9)}{random.Next(100000000, 999999999)}",
                    Priority = priority, Status = closed ? "closed" : "dispatched",
                    DispatchedAt = accepted.AddMinutes(10 + random.Next(50)), DeadlineAt = deadline,
                    ClosedAt = closed ? closedAt : null,
                    SuperviseLevel = !closed && deadline < now && random.NextDouble() < 0.5 ? 1 : 0,
                    Satisfaction = closed && random.NextDouble() < 0.7 ? (random.NextDouble() < 0.9 ? "满意" : random.NextDouble() < 0.5 ? "基本满意" : "不满意") : null,
                    CallbackAt = closed ? closedAt.AddHours(2) < now ? closedAt.AddHours(2) : null : null,
                });
            }
        }
        foreach (var batch in cases.Chunk(100)) await SampleData.AddCasesAsync(db, batch.Select(c => c.CallbackAt is null ? c with { Satisfaction = null } : c));

        // Patrols today: 25 full-time workers, most still out; each has visited a handful of grids.
        var patrolStart = now - TimeSpan.FromMinutes(Math.Min(240, Math.Max(5, (now - today).TotalMinutes - 1)));
        for (var w = 0; w < 25; w++)
        {
            var worker = $"W{w + 1:00}";
            await SampleData.AddPatrolAsync(db, worker, "start", patrolStart, null);
            for (var v = 0; v < 4; v++)
                await SampleData.AddPatrolAsync(db, worker, "check-in", patrolStart.AddMinutes(1 + v), grids[(w * 5 + v) % grids.Count].Code);
            if (w % 6 == 5) await SampleData.AddPatrolAsync(db, worker, "end", patrolStart.AddMinutes(10), null);
        }
        for (var m = 0; m < 12; m++)
            await SampleData.AddMediationAsync(db, m % 3 == 0 ? "社区" : "网格", m % 5 == 4 ? "部分达成" : m == 7 ? "调解失败" : "调解成功",
                now.AddMinutes(-1 - m), grids[m * 11 % grids.Count].Code);
        return grids;
    }
}
