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

    public static async Task SeedAsync(NpgsqlDataSource db, DateTimeOffset now)
    {
        await SampleData.EnsureGridsAsync(db, 133);
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
                var grid = random.Next(133);
                var (lon, lat) = SampleData.CentreOf(grid);
                var deadline = accepted.AddHours(random.Next(4) switch { 0 => 4, 1 => 24, 2 => 48, _ => 72 });
                var closedAt = accepted.AddHours(1 + random.NextDouble() * 30);
                var closed = closedAt < now && random.NextDouble() < (day == 0 ? 0.45 : 0.93);
                var priority = random.NextDouble() < 0.06 ? 1 : random.NextDouble() < 0.2 ? 2 : 3;
                var name = Names[random.Next(Names.Length)];
                cases.Add(new CaseSpec(accepted)
                {
                    Category = code, Title = title, Grid = $"G{grid + 1:000}",
                    Lon = lon + (random.NextDouble() - 0.5) * SampleData.Cell * 0.6,
                    Lat = lat + (random.NextDouble() - 0.5) * SampleData.Cell * 0.6,
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
                await SampleData.AddPatrolAsync(db, worker, "check-in", patrolStart.AddMinutes(1 + v), $"G{(w * 5 + v) % 133 + 1:000}");
            if (w % 6 == 5) await SampleData.AddPatrolAsync(db, worker, "end", patrolStart.AddMinutes(10), null);
        }
        for (var m = 0; m < 12; m++)
            await SampleData.AddMediationAsync(db, m % 3 == 0 ? "社区" : "网格", m % 5 == 4 ? "部分达成" : m == 7 ? "调解失败" : "调解成功",
                now.AddMinutes(-1 - m), $"G{m * 11 % 133 + 1:000}");
    }
}
