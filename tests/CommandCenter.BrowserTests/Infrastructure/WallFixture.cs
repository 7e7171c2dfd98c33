using CommandCenter.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>Per test class: a fresh database with a week of data, the web app as a process on it, and
/// Chromium. Tests open their own page (and so their own circuit).</summary>
public sealed class WallFixture : PostgisDatabase
{
    public WebAppProcess Web { get; private set; } = null!;
    public WebAppProcess IngestApi { get; private set; } = null!;
    private string _key = "";

    /// <summary>The 133 grids: code and a point inside each, ordered by code.</summary>
    public IReadOnlyList<(string Code, double Lon, double Lat)> Grids { get; private set; } = [];
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Grids = await WallData.SeedAsync(DataSource, DateTimeOffset.UtcNow);
        Web = new WebAppProcess(ConnectionString, new Dictionary<string, string>
        {
            ["Live:StaleAfter"] = "00:00:06",
            ["Live:HeartbeatInterval"] = "00:00:01",
            ["ChangeFeed:ReconnectDelay"] = "00:00:00.100",
            ["Security:RevalidationSeconds"] = "1",
            // The seeded history holds thousands of dispatched cases nobody signed for: escalating them while a
            // test compares the tiles before and after a restart would race with it. Escalation has its own
            // tests (DispatchWatchTests); the wall tests keep the history as seeded.
            ["Dispatch:SignWithin"] = "3650.00:00:00",
            ["Dispatch:SignWithinUrgent"] = "3650.00:00:00",
        });
        await Web.StartAsync();
        IngestApi = WebAppProcess.Ingest(ConnectionString);
        await IngestApi.StartAsync();
        (_, _key) = await new CommandCenter.Core.Ingest.ApiKeyStore(DataSource).CreateAsync("wall-test", "browser tests", CancellationToken.None);
        (_playwright, Browser) = await Chromium.LaunchAsync();
        // Waiting on visible state, never on sleeps: allow for a loaded 2-core machine, not for a slow feature.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A new page (and so a new circuit) at the given size, signed in as a wall screen with a
    /// new kiosk credential unless <paramref name="asKiosk"/> is false (then it is anonymous: log in with
    /// <see cref="BrowserLogin"/>).</summary>
    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080, bool asKiosk = true)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        if (asKiosk)
            LastKioskId = await BrowserLogin.SignInAsKioskAsync(context, Web.BaseAddress, DataSource);
        return await context.NewPageAsync();
    }

    /// <summary>A new page signed in through the login form as a new person of <paramref name="role"/>.</summary>
    public async Task<IPage> NewPersonPageAsync(string role, int width = 1600, int height = 900)
    {
        var page = await NewPageAsync(width, height, asKiosk: false);
        await BrowserLogin.LoginAsAsync(page, Web.BaseAddress, DataSource, role);
        return page;
    }

    /// <summary>The kiosk credential of the page <see cref="NewPageAsync"/> made last.</summary>
    public long LastKioskId { get; private set; }

    /// <summary>Posts one incident to ingest, as a source system would, and returns its case id once
    /// acknowledged (acknowledged means committed).</summary>
    public async Task<long> PostIncidentAsync(string externalId, string gridCode, int priority = 3,
        string reporterName = "李四", string reporterPhone = "13700001111", string title = "下水道堵塞")
    {
        var (_, lon, lat) = Grids.Single(g => g.Code == gridCode);
        var record = System.Text.Json.JsonSerializer.Serialize(new
        {
            externalId, channel = "网格员巡查", category = "safety", title, lon, lat, reporterName, reporterPhone, priority,
            reportedAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"),
        });
        using var http = new HttpClient { BaseAddress = IngestApi.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/incidents") { Content = new StringContent(record + "\n", System.Text.Encoding.UTF8, "application/x-ndjson") };
        request.Headers.Add("X-Api-Key", _key);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.Contains("\"accepted\":1", StringComparison.Ordinal))
            throw new InvalidOperationException($"ingest refused the incident: {(int)response.StatusCode} {body}");
        await using var cmd = DataSource.CreateCommand("SELECT id, coalesce(grid_code, location_flag, '?'), priority FROM cases WHERE source = 'wall-test' AND external_id = @id");
        cmd.Parameters.AddWithValue("id", externalId);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        if (r.GetString(1) != gridCode || r.GetInt16(2) != priority)
            throw new InvalidOperationException($"ingest put the case in {r.GetString(1)} with priority {r.GetInt16(2)}, expected {gridCode} / {priority}");
        return r.GetInt64(0);
    }

    public override async Task DisposeAsync()
    {
        await IngestApi.DisposeAsync();
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Web.DisposeAsync();
        await base.DisposeAsync();
    }
}
