using System.Diagnostics;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.BrowserTests.Platform;

/// <summary>What an operator deploys is a `dotnet publish` folder run in Production: package static assets
/// (MudBlazor's CSS and JS, the Blazor script) must come out of it whole. An empty 200 would render every
/// desk page unstyled, so sizes are checked, not only status codes.</summary>
public sealed class PublishOutputTests(PublishedAppFixture published) : IClassFixture<PublishedAppFixture>
{
    [Theory]
    [InlineData("_content/MudBlazor/MudBlazor.min.css", 400_000)]
    [InlineData("_content/MudBlazor/MudBlazor.min.js", 40_000)]
    [InlineData("_framework/blazor.web.js", 100_000)]
    [InlineData("lib/leaflet/leaflet.js", 100_000)]
    [InlineData("lib/apexcharts/apexcharts.min.js", 300_000)]
    public async Task The_published_app_serves_its_package_assets_whole_in_production(string path, int atLeastBytes)
    {
        using var http = new HttpClient { BaseAddress = published.App.BaseAddress };

        using var response = await http.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(bytes.Length >= atLeastBytes, $"{path}: {bytes.Length} bytes, expected at least {atLeastBytes}");
    }
}

/// <summary>`dotnet publish` of the web app into a temporary folder (about a minute), started in Production
/// on its own database.</summary>
public sealed class PublishedAppFixture : PostgisDatabase
{
    private string _dir = "";
    public WebAppProcess App { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _dir = Path.Combine(Path.GetTempPath(), $"cc-publish-{Guid.NewGuid():N}");
        var psi = new ProcessStartInfo("dotnet", ["publish", Path.Combine(TestCluster.RepoRoot, "src", "CommandCenter"), "-c", "Release", "-o", _dir, "-nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var publish = Process.Start(psi)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{await output}\n{await errors}");
        App = WebAppProcess.Published(_dir, ConnectionString);
        await App.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        await base.DisposeAsync();
    }
}
