using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Screen;

/// <summary>Issue 12, finding 5: at 1280×720 the donut legend ran into the map and a six-digit 今日受理 ran
/// over its unit. The wall must lay out without overlap from 1280×720 to 3840×2160, with a real six-digit
/// day: 100,000 cases accepted today are in the database, counted by the same KPI as always. Issue 14 added
/// the record row (本年 / 上线以来 累计) under today's tiles: the same checks hold for its eight tiles.</summary>
public sealed class WallLayoutTests(WallFixture wall) : IClassFixture<WallFixture>
{
    // Every panel and tile holds its content; the three columns do not meet; nothing that is drawn (not
    // clipped by an ancestor that hides overflow) sticks out of its column. Returns what does not fit.
    private const string LayoutProblems = """
        () => {
          const problems = [];
          const fits = (el, what, widthOnly) => {
            if (el.scrollWidth > el.clientWidth + 1 || (!widthOnly && el.scrollHeight > el.clientHeight + 1))
              problems.push(`${what}: content ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
          };
          document.querySelectorAll('.panel').forEach(p => fits(p, 'panel ' + (p.querySelector('h2')?.firstChild?.textContent ?? '').trim()));
          document.querySelectorAll('[data-test=tile]').forEach(t => {
            fits(t, 'tile ' + t.dataset.name);
            // Across only: the big digits' glyphs are taller than their tight line (line-height 1.05) by
            // design, and the tile itself (checked above) still holds them.
            fits(t.querySelector('[data-test=tile-value]'), 'value of ' + t.dataset.name, true);
          });
          const cols = [...document.querySelectorAll('.main > *')];
          const boxes = cols.map(c => c.getBoundingClientRect());
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++)
              if (boxes[i].right > boxes[j].left && boxes[j].right > boxes[i].left && boxes[i].bottom > boxes[j].top && boxes[j].bottom > boxes[i].top)
                problems.push(`columns ${i} and ${j} intersect`);
          const inside = (el, box, col, clipped) => {
            for (const child of el.children) {
              const r = child.getBoundingClientRect();
              if (!clipped && r.width > 0 && r.height > 0 &&
                  (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
                problems.push(`${child.tagName.toLowerCase()}.${child.className?.baseVal ?? child.className} "${(child.textContent ?? '').trim().slice(0, 20)}" sticks out of column ${col}`);
              const style = getComputedStyle(child);
              inside(child, box, col, clipped || style.overflowX !== 'visible' || style.overflowY !== 'visible');
            }
          };
          cols.forEach((c, i) => inside(c, boxes[i], i, false));
          return problems;
        }
        """;

    private async Task<long> CountAsync(string sql)
    {
        await using var cmd = wall.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Finding5_the_wall_lays_out_without_overlap_from_1280x720_to_3840x2160_with_a_six_digit_day()
    {
        await using (var cmd = wall.DataSource.CreateCommand("""
            INSERT INTO cases (source, external_id, channel, category_code, title, priority, status, reported_at, accepted_at)
            SELECT 'layout', 'bulk-' || g, '12345热线', 'safety', '布局测试', 3, 'accepted', now() - interval '2 seconds', now() - interval '2 seconds'
            FROM generate_series(1, 100000) g
            """))
        {
            cmd.CommandTimeout = 300;
            await cmd.ExecuteNonQueryAsync();
        }

        // Raw recounts of the record tiles (受理量's definition: not merged, accepted this Shanghai year / ever).
        var yearAccepted = await CountAsync("""
            SELECT count(*) FROM cases WHERE merged_into IS NULL AND accepted_at <= now()
              AND accepted_at >= (date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')
            """);
        var allAccepted = await CountAsync("SELECT count(*) FROM cases WHERE merged_into IS NULL AND accepted_at <= now()");
        Assert.True(yearAccepted >= 100_000);

        foreach (var (w, h) in new[] { (1280, 720), (1920, 1080), (3840, 2160) })
        {
            var screen = new ScreenPage(await wall.NewPageAsync(w, h), wall.Web.BaseAddress);
            await screen.OpenAsync();
            // The live state refreshes at least every heartbeat: wait for the six digits, not for a time.
            await Expect(screen.Tile("今日受理")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1\d\d,\d{3}件$"));
            // The record row (issue 14): this year's 受理 is the raw count, six digits and more, pushed like today's.
            await Expect(screen.Tile("本年累计受理")).ToHaveTextAsync(yearAccepted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "件");
            await Expect(screen.Tile("上线以来受理")).ToHaveTextAsync(allAccepted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "件");
            await screen.ScreenshotAsync($"screen-layout-{w}x{h}.png");

            var problems = await screen.Page.EvaluateAsync<string[]>(LayoutProblems);

            Assert.True(problems.Length == 0, $"at {w}×{h}:\n" + string.Join("\n", problems));
            await screen.Page.Context.CloseAsync();
        }
    }
}
