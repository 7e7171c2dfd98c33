using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>Debian's chromium through Playwright. Playwright's own browsers are never installed.</summary>
public static class Chromium
{
    public static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = Args });
        return (playwright, browser);
    }
}
