using System.Text;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Core.Security;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Trends;

/// <summary>A leader opens /trends, drills 片区 → 村居 → 网格 and downloads the grid's case list as CSV.</summary>
public sealed class TrendsDrillDownTests(WallFixture app) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task Drilling_down_to_a_grid_downloads_a_csv_whose_rows_match_the_page_and_the_count()
    {
        var trends = new TrendsPage(await app.NewPersonPageAsync(Roles.Leader, 1600, 1000), app.Web.BaseAddress);
        await trends.OpenAsync();
        await Expect(trends.AreaRows).ToHaveCountAsync(4); // the four 片区

        var region = await trends.DrillIntoTopRowAsync();
        var community = await trends.DrillIntoTopRowAsync();
        await trends.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("trends-community.png"), FullPage = true });
        var grid = await trends.DrillIntoTopRowAsync();

        await Expect(trends.Breadcrumb).ToContainTextAsync(region.Name);
        await Expect(trends.Breadcrumb).ToContainTextAsync(community.Name);
        await Expect(trends.CaseRows).ToHaveCountAsync(grid.Accepted);
        Assert.True(grid.Accepted > 0, "the top grid of the week has cases");
        await trends.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("trends-grid.png"), FullPage = true });

        var csv = await trends.DownloadAsync("export-cases");

        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        Assert.StartsWith("编号,受理时间,网格,类别", Encoding.UTF8.GetString(csv, 3, csv.Length - 3));
        var rows = TrendsPage.Rows(csv);
        var idsOnPage = await trends.CaseRows.EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.id))");
        Assert.Equal(idsOnPage, rows.Select(r => long.Parse(r[0])).ToArray());
        Assert.All(rows, r => Assert.Equal(grid.Code, r[2]));
        Assert.Equal(grid.Accepted, rows.Count);
    }

    [Fact]
    public async Task The_comparison_csv_has_the_rows_of_the_table_on_screen()
    {
        var trends = new TrendsPage(await app.NewPersonPageAsync(Roles.Leader, 1600, 1000), app.Web.BaseAddress);
        await trends.OpenAsync();
        var region = await trends.DrillIntoTopRowAsync();
        var codes = await trends.AreaRows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
        var accepted = await trends.AreaRows.Locator("[data-test=accepted]").AllInnerTextsAsync();

        var rows = TrendsPage.Rows(await trends.DownloadAsync("export-areas"));

        Assert.Equal(codes, rows.Select(r => r[2]).ToArray());
        Assert.Equal(accepted.Select(a => a.Trim()), rows.Select(r => r[4]));
        Assert.Equal(region.Accepted, rows.Sum(r => int.Parse(r[4])));
    }
}
