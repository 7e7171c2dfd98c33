using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using CommandCenter.Tests.Photos;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Mobile;

/// <summary>A grid worker on a 375×667 phone reports through /m, and the case arrives through the ingest
/// API exactly as an outside grid app's would, with its photo on the officer's case page.</summary>
public sealed class PhoneReportTests(PhoneFixture phone) : IClassFixture<PhoneFixture>
{
    [Fact]
    public async Task A_worker_reports_a_case_with_location_and_photo_and_the_officer_sees_both()
    {
        var (grid, lon, lat) = phone.Grids[0];
        var worker = await TestUsers.CreateAsync(phone.DataSource, Roles.Worker, displayName: "网格员王芳", unitCode: grid, gridCodes: [grid]);
        var m = new PhonePage(await phone.NewPhoneAsync((lon, lat)));
        await BrowserLogin.LoginAsync(m.Page, phone.Web.BaseAddress, worker, "m");

        await Expect(m.Location).ToContainTextAsync("已定位");
        await m.PickAsync("分类", "下水道堵塞");
        await m.Title.FillAsync("3幢东侧下水道堵塞");
        await m.AttachAsync("IMG_0001.HEIC", TestImages.Jpeg(1600, 1200, withGps: true));
        await Expect(m.Previews).ToHaveCountAsync(1);
        await Expect(m.Title).ToHaveValueAsync("3幢东侧下水道堵塞");   // adding a photo keeps what was typed
        await m.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("mobile-report-375x667.png") });
        await m.Submit.ClickAsync();

        await Expect(m.Verdict).ToContainTextAsync("已接收：事件 #");
        await Expect(m.Verdict).ToContainTextAsync("照片 1 张");
        var id = await m.AcceptedCaseAsync();
        await m.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("mobile-report-accepted-375x667.png") });
        Assert.Equal(("grid-web", grid, "网格员王芳"), await CaseAsync(id));

        var officer = await phone.NewDeskPageAsync(Roles.Officer);
        await officer.GotoAsync(new Uri(phone.Web.BaseAddress, $"cases/{id}").ToString());
        var thumb = officer.GetByTestId("case-photo-thumb");
        await Expect(thumb).ToHaveCountAsync(1);
        await Expect(officer.GetByTestId("timeline")).ToContainTextAsync("上传照片");
        // The page is prerendered: a click before the circuit is up does nothing, so click until it opens.
        var full = officer.GetByTestId("case-photo-full").Locator("img");
        for (var i = 0; i < 20 && !await full.IsVisibleAsync(); i++)
        {
            await thumb.ClickAsync();
            try { await full.WaitForAsync(new() { Timeout = 1000 }); } catch (Exception ex) when (ex is TimeoutException or Microsoft.Playwright.PlaywrightException) { }
        }
        await Expect(full).ToBeVisibleAsync();
        await officer.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=case-photo-full] img'); return i && i.complete && i.naturalWidth === 1600; }");
    }

    [Fact]
    public async Task Without_location_the_page_says_so_and_the_worker_reports_by_picking_a_grid()
    {
        var (grid, _, _) = phone.Grids[1];
        var worker = await TestUsers.CreateAsync(phone.DataSource, Roles.Worker, unitCode: grid, gridCodes: [grid]);
        var m = new PhonePage(await phone.NewPhoneAsync(null));
        await BrowserLogin.LoginAsync(m.Page, phone.Web.BaseAddress, worker, "m");

        await Expect(m.LocationProblem).ToContainTextAsync("选择所在网格");
        await m.PickAsync("分类", "下水道堵塞");
        await m.Title.FillAsync("路面积水");
        await m.PickAsync("所在网格", await GridNameAsync(grid));
        await m.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("mobile-no-location-375x667.png") });
        await m.Submit.ClickAsync();

        await Expect(m.Verdict).ToContainTextAsync("已接收：事件 #");
        var (_, caseGrid, _) = await CaseAsync(await m.AcceptedCaseAsync());
        Assert.Equal(grid, caseGrid);
    }

    [Fact]
    public async Task When_ingest_is_down_the_form_stays_filled_and_a_retry_sends_it()
    {
        var (grid, lon, lat) = phone.Grids[2];
        var worker = await TestUsers.CreateAsync(phone.DataSource, Roles.Worker, unitCode: grid, gridCodes: [grid]);
        var m = new PhonePage(await phone.NewPhoneAsync((lon, lat)));
        await BrowserLogin.LoginAsync(m.Page, phone.Web.BaseAddress, worker, "m");
        await Expect(m.Location).ToContainTextAsync("已定位");
        await m.PickAsync("分类", "下水道堵塞");
        await m.Title.FillAsync("井盖缺失");

        await phone.IngestApi.StopAsync();
        try
        {
            await m.Submit.ClickAsync();
            await Expect(m.Verdict).ToContainTextAsync("本次未保存");
            await Expect(m.Title).ToHaveValueAsync("井盖缺失");
            await Expect(m.Submit).ToContainTextAsync("重试上报");
        }
        finally
        {
            await phone.IngestApi.StartAsync();
        }
        await m.Submit.ClickAsync();

        await Expect(m.Verdict).ToContainTextAsync("已接收：事件 #");
    }

    [Fact]
    public async Task A_worker_starts_a_patrol_and_checks_in_with_the_phone_position_and_sees_the_open_cases_of_the_grid()
    {
        var (grid, lon, lat) = phone.Grids[3];
        var worker = await TestUsers.CreateAsync(phone.DataSource, Roles.Worker, unitCode: grid, gridCodes: [grid]);
        await SampleData.AddCasesAsync(phone.DataSource, [new CaseSpec(DateTimeOffset.UtcNow) { Grid = grid, Title = "楼道堆物", Priority = 1,
            ReporterName = "张三丰", ReporterPhone = "13812345678" }]);
        var m = new PhonePage(await phone.NewPhoneAsync((lon, lat)));
        await BrowserLogin.LoginAsync(m.Page, phone.Web.BaseAddress, worker, "m");
        await Expect(m.Location).ToContainTextAsync("已定位");

        await m.Page.GetByTestId("m-tab-patrol").ClickAsync();
        await m.Page.GetByTestId("m-patrol-start").ClickAsync();
        await Expect(m.Page.GetByTestId("m-patrol-log")).ToContainTextAsync("开始巡查：已接收");
        await m.Page.GetByTestId("m-patrol-checkin").ClickAsync();
        await Expect(m.Page.GetByTestId("m-patrol-log")).ToContainTextAsync("签到：已接收");
        await m.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("mobile-patrol-375x667.png") });
        await m.Page.GetByTestId("m-tab-cases").ClickAsync();
        var urgent = m.Page.GetByTestId("m-case").First;

        await Expect(urgent).ToContainTextAsync("楼道堆物");
        await Expect(urgent).ToContainTextAsync("张*");
        await Expect(m.Page.GetByTestId("m-cases")).Not.ToContainTextAsync("张三丰");
        await m.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("mobile-cases-375x667.png") });
        await using var cmd = phone.DataSource.CreateCommand(
            "SELECT string_agg(kind, ',' ORDER BY at) FROM patrol_events WHERE source = 'grid-web' AND worker_id = @w AND location IS NOT NULL AND grid_code = @g");
        cmd.Parameters.AddWithValue("w", worker.UserName);
        cmd.Parameters.AddWithValue("g", grid);
        Assert.Equal("start,check-in", await cmd.ExecuteScalarAsync());
    }

    private async Task<(string Source, string? Grid, string? Reporter)> CaseAsync(long id)
    {
        await using var cmd = phone.DataSource.CreateCommand("SELECT source, grid_code, reporter_name FROM cases WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
    }

    private async Task<string> GridNameAsync(string code)
    {
        await using var cmd = phone.DataSource.CreateCommand("SELECT name FROM grids WHERE code = @c");
        cmd.Parameters.AddWithValue("c", code);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
