using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Core.Time;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Trends;

/// <summary>A leader reads 巡查分析 on /trends at 1920×1080: three weeks of patrols by 25 workers (24 on the roster), a few
/// grids nobody visited — listed and red on the map — and the workers by name.</summary>
public sealed class PatrolAnalyticsBrowserTests(WallFixture app) : IClassFixture<WallFixture>
{
    // Indexes into the fixture's grids that today's patrols (WallData) leave out, so history decides them.
    private static readonly int[] Neglected = [14, 54, 94, 129];
    private const int LastSeenFiveDaysAgo = 24;

    private async Task SeedHistoryAsync()
    {
        var grids = app.Grids.Select(g => g.Code).ToArray();
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(DateTimeOffset.UtcNow).Date);
        var (workers, kinds, ats, cells) = (new List<string>(), new List<string>(), new List<DateTimeOffset>(), new List<string>());
        for (var d = 1; d <= 21; d++)
        {
            var morning = Shanghai.StartOfDay(today.AddDays(-d)).AddHours(8.5);
            for (var w = 0; w < 25; w++)
            {
                if (d % 7 == (w % 7) && w % 3 == 0) continue;   // a day off now and then
                for (var v = 0; v < 6; v++)
                {
                    var index = (w * 6 + v + d % 2) % grids.Length;
                    if (Neglected.Contains(index) || (index == LastSeenFiveDaysAgo && d < 5)) continue;
                    workers.Add($"W{w + 1:00}");
                    kinds.Add(v % 3 == 2 ? "visit" : "check-in");
                    ats.Add(morning.AddMinutes(v * 75 + w));
                    cells.Add(grids[index]);
                }
            }
        }
        await using var cmd = app.DataSource.CreateCommand("""
            INSERT INTO roster_people (worker_id, name, phone, team_role, grid_codes, active_from)
            SELECT 'W' || lpad(w::text, 2, '0'), (ARRAY['张','王','李','赵','刘','陈','杨','黄'])[1 + w % 8] || (ARRAY['建国','秀英','海燕','志强','丽华','国平'])[1 + w % 6],
                   '1390572' || lpad(w::text, 4, '0'), '专职网格员',
                   ARRAY(SELECT code FROM grids ORDER BY code OFFSET (w - 1) * 5 LIMIT 5), '2026-01-01'
            FROM generate_series(1, 24) w
            ON CONFLICT (worker_id) DO NOTHING;
            INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
            SELECT 'grid-app', 'hist-' || ordinality, w, '王网格', k, a, g FROM unnest(@w, @k, @a, @g) WITH ORDINALITY AS x(w, k, a, g)
            ON CONFLICT DO NOTHING;
            """);
        cmd.Parameters.AddWithValue("w", workers.ToArray());
        cmd.Parameters.AddWithValue("k", kinds.ToArray());
        cmd.Parameters.AddWithValue("a", ats.Select(a => a.ToUniversalTime()).ToArray());
        cmd.Parameters.AddWithValue("g", cells.ToArray());
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_leader_sees_coverage_the_unpatrolled_grids_in_red_and_the_workers_by_name()
    {
        await SeedHistoryAsync();
        var trends = new TrendsPage(await app.NewPersonPageAsync(Roles.Leader, 1920, 1080), app.Web.BaseAddress);
        await trends.OpenAsync("?gran=day&from=" + DateTimeOffset.UtcNow.AddDays(-27).ToString("yyyy-MM-dd"));
        var page = trends.Page;
        var patrol = page.Locator("[data-test=patrol]");
        await patrol.ScrollIntoViewIfNeededAsync();

        await Expect(page.Locator("[data-test=patrol-coverage] svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var unpatrolled = Neglected.Select(i => app.Grids[i].Code).Append(app.Grids[LastSeenFiveDaysAgo].Code).ToArray();
        foreach (var code in unpatrolled)
        {
            await Expect(page.Locator($"[data-test=unpatrolled-grid][data-grid={code}]")).ToBeVisibleAsync();
            await Expect(page.Locator($"[data-test=unpatrolled-map] path[data-code={code}][data-unpatrolled=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }
        await Expect(page.Locator("[data-test=unpatrolled-map] path[data-unpatrolled=true]")).ToHaveCountAsync(unpatrolled.Length);
        await Expect(page.Locator("[data-test=patrol-worker]")).ToHaveCountAsync(25);
        await Expect(page.Locator("[data-test=patrol-worker][data-worker=W01] td").Nth(1)).ToHaveTextAsync("王秀英");
        await Expect(page.Locator("[data-test=patrol-worker][data-worker=W25] td").Nth(1)).ToHaveTextAsync("未登记工号 W25（王网格）");

        await Expect(page.Locator("[data-test=unpatrolled-map][data-ready=true]")).ToBeVisibleAsync();
        // The section from its title down, as a leader scrolls to it on a 1920×1080 screen.
        await page.EvaluateAsync("window.scrollTo(0, document.querySelector('[data-test=patrol]').getBoundingClientRect().top + window.scrollY - 70)");   // below the fixed app bar
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("trends-patrol-1920x1080.png") });
        await page.Context.CloseAsync();
    }
}
