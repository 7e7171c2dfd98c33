using CommandCenter.Core.Patrols;
using CommandCenter.Core.Time;
using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.Tests.Patrols;

/// <summary>巡查分析 from the patrol_daily rollup against a recount from the raw patrol events and cases: batches of events
/// over a fortnight (some outside every grid, some just before and after midnight in Asia/Shanghai), then deletes and an
/// update, for two roster workers and one id the roster does not know.</summary>
public sealed class PatrolAnalyticsTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateOnly From = new(2026, 5, 4), To = new(2026, 5, 17), Today = new(2026, 5, 20);
    private static readonly string[] Kinds = ["start", "check-in", "check-in", "visit", "end"];

    private sealed record Event(string Worker, string Kind, DateTimeOffset At, string? Grid);

    private async Task ExecAsync(string sql, params (string Name, object Value)[] args)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>One INSERT per batch, so the statement trigger adds a batch to rows other batches already made.</summary>
    private async Task InsertAsync(IReadOnlyList<Event> batch)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
            SELECT 'grid-app', gen_random_uuid()::text, w, '上报名' || w, k, a, g
            FROM unnest(@w, @k, @a, @g) AS x(w, k, a, g)
            """);
        cmd.Parameters.AddWithValue("w", batch.Select(e => e.Worker).ToArray());
        cmd.Parameters.AddWithValue("k", batch.Select(e => e.Kind).ToArray());
        cmd.Parameters.AddWithValue("a", batch.Select(e => e.At.ToUniversalTime()).ToArray());
        cmd.Parameters.AddWithValue("g", batch.Select(e => e.Grid).ToArray());
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<List<Event>> RawEventsAsync()
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT worker_id, kind, at, grid_code FROM patrol_events");
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<Event>();
        while (await r.ReadAsync())
            list.Add(new Event(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : r.GetString(3)));
        return list;
    }

    private async Task SeedAsync(IReadOnlyList<string> grids)
    {
        await ExecAsync("DELETE FROM patrol_events; DELETE FROM roster_people");
        await ExecAsync("""
            INSERT INTO roster_people (worker_id, name, phone, team_role, grid_codes, active_from) VALUES
              ('w1', '张一', '13800000001', '专职网格员', ARRAY['G001', 'G002'], '2026-01-01'),
              ('w2', '李二', '13800000002', '专职网格员', ARRAY['G003', 'G004'], '2026-01-01'),
              (NULL, '王三', NULL, '志愿者', ARRAY['G001'], '2026-01-01')
            """);
        var random = new Random(15);
        var workers = new[] { ("w1", new[] { "G001", "G002", "G005" }), ("w2", new[] { "G003", "G004" }), ("w9", new[] { "G006" }) };
        // A day before and after the range too: they must not count.
        for (var day = From.AddDays(-1); day <= To.AddDays(1); day = day.AddDays(1))
        {
            var batch = new List<Event>();
            foreach (var (w, mine) in workers)
            {
                if (random.NextDouble() < 0.2) continue;   // a day off
                var midnight = Shanghai.StartOfDay(day);
                var n = random.Next(1, 9);
                for (var i = 0; i < n; i++)
                {
                    var at = midnight.AddMinutes(random.Next(0, 24 * 60));
                    var grid = random.NextDouble() < 0.1 ? null : mine[random.Next(mine.Length)];
                    batch.Add(new Event(w, Kinds[random.Next(Kinds.Length)], at, grid));
                }
                // Either side of midnight: two different days.
                batch.Add(new Event(w, "check-in", midnight.AddMinutes(-3), mine[0]));
                batch.Add(new Event(w, "visit", midnight.AddMinutes(2), mine[^1]));
            }
            await InsertAsync(batch);
        }
        // Repairs after the fact: some events deleted, one moved to another grid.
        await ExecAsync("DELETE FROM patrol_events WHERE id % 7 = 0");
        await ExecAsync("UPDATE patrol_events SET grid_code = 'G006' WHERE id = (SELECT min(id) FROM patrol_events WHERE worker_id = 'w1' AND grid_code IS NOT NULL)");

    }

    /// <summary>Only this test adds cases (the class shares one database).</summary>
    private async Task AddCasesAsync(IReadOnlyList<string> grids)
    {
        // Cases: reported by w1 (in and out of the range), by w9, closed in w2's grids on time and late.
        var inRange = Shanghai.StartOfDay(From.AddDays(3)).AddHours(10);
        var ids = await SampleData.AddCasesAsync(db.DataSource, [
            new CaseSpec(inRange) { Grid = grids[0] },
            new CaseSpec(inRange.AddDays(2)) { Grid = grids[1] },
            new CaseSpec(inRange.AddDays(-10)) { Grid = grids[0] },
            new CaseSpec(inRange) { Grid = grids[5] },
            new CaseSpec(inRange) { Grid = "G003", Status = "closed", DeadlineAt = inRange.AddDays(2), ClosedAt = inRange.AddDays(1) },
            new CaseSpec(inRange) { Grid = "G004", Status = "closed", DeadlineAt = inRange.AddDays(1), ClosedAt = inRange.AddDays(3) },
            new CaseSpec(inRange) { Grid = "G004", Status = "closed", ClosedAt = inRange.AddDays(30) },
        ]);
        await ExecAsync("UPDATE cases SET reporter_worker_id = 'w1' WHERE id = ANY(@ids)", ("ids", new[] { ids[0], ids[1], ids[2] }));
        await ExecAsync("UPDATE cases SET reporter_worker_id = 'w9' WHERE id = @id", ("id", ids[3]));
    }

    [Fact]
    public async Task Coverage_and_worker_figures_from_the_rollup_equal_a_recount_of_the_raw_events()
    {
        var grids = await SampleData.EnsureGridsAsync(db.DataSource, 6);
        await SeedAsync(grids);
        await AddCasesAsync(grids);
        var events = await RawEventsAsync();
        var analytics = new PatrolAnalytics(db.DataSource);
        static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(Shanghai.ToLocal(at).Date);
        var inRange = events.Where(e => DayOf(e.At) >= From && DayOf(e.At) <= To).ToList();
        await using (var count = db.DataSource.CreateCommand("SELECT count(*)::int FROM grids"))
        {
            var total = (int)(await count.ExecuteScalarAsync())!;
            var coverage = await analytics.CoverageAsync(From, To, Today, default);
            var expected = Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(i => From.AddDays(i)).Select(d => new PatrolDay(d,
                inRange.Where(e => DayOf(e.At) == d && e.Kind is "check-in" or "visit" && e.Grid is not null).Select(e => e.Grid).Distinct().Count(), total));
            Assert.Equal(expected, coverage);
        }

        var rows = (await analytics.WorkersAsync(From, To, Today, default)).ToDictionary(r => r.Worker.Id);
        Assert.Equal(["w1", "w2", "w9"], rows.Keys.Order());
        var roster = new Dictionary<string, string[]> { ["w1"] = ["G001", "G002"], ["w2"] = ["G003", "G004"], ["w9"] = [] };
        var days = To.DayNumber - From.DayNumber + 1;
        foreach (var (w, own) in roster)
        {
            var mine = inRange.Where(e => e.Worker == w).ToList();
            var perDay = mine.GroupBy(e => DayOf(e.At)).ToList();
            var row = rows[w];
            Assert.Equal(perDay.Count, row.PatrolDays);
            Assert.Equal(perDay.Sum(d => (d.Max(e => e.At) - d.Min(e => e.At)).TotalHours), row.Hours, 6);
            Assert.Equal(mine.Count(e => e.Kind == "check-in"), row.CheckIns);
            Assert.Equal(mine.Count(e => e.Kind == "visit"), row.Visits);
            Assert.Equal(mine.Where(e => e.Kind is "check-in" or "visit" && e.Grid is { } g && own.Contains(g)).Select(e => (DayOf(e.At), e.Grid)).Distinct().Count(), row.OwnGridDays);
            Assert.Equal(days * own.Length, row.OwnGridDaysPossible);
        }
        Assert.Equal(("张一", "李二"), (rows["w1"].Worker.Display, rows["w2"].Worker.Display));
        Assert.Equal("未登记工号 w9（上报名w9）", rows["w9"].Worker.Display);
        Assert.Equal((2, 0, 1), (rows["w1"].CasesReported, rows["w2"].CasesReported, rows["w9"].CasesReported));
        // w2's grids: one closed on time, one late in the range (the third closes after it); w1's grids closed nothing.
        Assert.Equal((2, 1, 0.5), (rows["w2"].GridsClosed, rows["w2"].GridsClosedOnTime, rows["w2"].OnTimeRate));
        Assert.Null(rows["w1"].OnTimeRate);
        Assert.Null(rows["w9"].OwnCoverage);

        // The case page names the reporting worker from the roster, an id it does not know as such, and nobody for others.
        await using var ids = db.DataSource.CreateCommand("""
            SELECT (SELECT min(id) FROM cases WHERE reporter_worker_id = 'w1'), (SELECT min(id) FROM cases WHERE reporter_worker_id = 'w9'),
                   (SELECT min(id) FROM cases WHERE reporter_worker_id IS NULL)
            """);
        await using var r = await ids.ExecuteReaderAsync();
        await r.ReadAsync();
        var reader = new Core.Cases.CaseDetailReader(db.DataSource);
        Assert.Equal("张一", (await reader.LoadAsync(r.GetInt64(0), default))!.ReportingWorker?.Display);
        Assert.Equal("未登记工号 w9", (await reader.LoadAsync(r.GetInt64(1), default))!.ReportingWorker?.Display);
        Assert.Null((await reader.LoadAsync(r.GetInt64(2), default))!.ReportingWorker);
    }

    [Fact]
    public async Task The_rollup_after_batches_deletes_and_updates_equals_a_rebuild_from_the_events()
    {
        var grids = await SampleData.EnsureGridsAsync(db.DataSource, 6);
        await SeedAsync(grids);
        const string Rows = "SELECT day, worker_id, grid_code, events, checkins, visits, first_at, last_at FROM patrol_daily ORDER BY 1, 2, 3";
        async Task<List<string>> ReadAsync()
        {
            await using var cmd = db.DataSource.CreateCommand(Rows);
            await using var r = await cmd.ExecuteReaderAsync();
            var list = new List<string>();
            while (await r.ReadAsync())
                list.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            return list;
        }
        var maintained = await ReadAsync();
        await ExecAsync("SELECT patrol_rebuild()");

        Assert.NotEmpty(maintained);
        Assert.Equal(await ReadAsync(), maintained);
    }
}
