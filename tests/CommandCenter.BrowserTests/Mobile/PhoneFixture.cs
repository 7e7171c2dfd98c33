using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Core.Ingest;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Mobile;

/// <summary>Per test class: a fresh database with the grids and a week of data, the ingest service and the
/// web app as processes, the web app told where ingest is and holding a key of source grid-web (as run.sh
/// passes them: settings Ingest:Url and Ingest:ApiKey), and Chromium.</summary>
public sealed class PhoneFixture : PostgisDatabase
{
    public WebAppProcess Web { get; private set; } = null!;
    public WebAppProcess IngestApi { get; private set; } = null!;
    public IReadOnlyList<(string Code, double Lon, double Lat)> Grids { get; private set; } = [];
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Grids = await WallData.SeedAsync(DataSource, DateTimeOffset.UtcNow);
        // Ingest first: the web app needs its address (the port is chosen when the process object is made).
        IngestApi = WebAppProcess.Ingest(ConnectionString);
        await IngestApi.StartAsync();
        var (_, key) = await new ApiKeyStore(DataSource).CreateAsync("grid-web", "web app /m (browser tests)", CancellationToken.None);
        Web = new WebAppProcess(ConnectionString, new Dictionary<string, string>
        {
            ["Ingest:Url"] = IngestApi.BaseAddress.ToString(),
            ["Ingest:ApiKey"] = key,
            ["Ingest:Timeout"] = "00:00:05",
            ["ChangeFeed:ReconnectDelay"] = "00:00:00.100",
        });
        await Web.StartAsync();
        (_playwright, Browser) = await Chromium.LaunchAsync();
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A phone: 375×667, touch, Chinese, Shanghai time; located at <paramref name="at"/> when given
    /// (geolocation granted), otherwise with geolocation refused.</summary>
    public async Task<IPage> NewPhoneAsync((double Lon, double Lat)? at)
    {
        var options = new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 375, Height = 667 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        };
        if (at is { } p)
        {
            options.Geolocation = new() { Longitude = (float)p.Lon, Latitude = (float)p.Lat, Accuracy = 12 };
            options.Permissions = ["geolocation"];
        }
        var context = await Browser.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    /// <summary>A desk page signed in as a new person of <paramref name="role"/>.</summary>
    public async Task<IPage> NewDeskPageAsync(string role)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = await context.NewPageAsync();
        await BrowserLogin.LoginAsAsync(page, Web.BaseAddress, DataSource, role);
        return page;
    }

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Web.DisposeAsync();
        await IngestApi.DisposeAsync();
        await base.DisposeAsync();
    }
}
