using System.Text.Json;
using Microsoft.Playwright;

namespace CommandCenter.Bench;

/// <summary>One wall screen in Chromium at 1920×1080, signed in by the kiosk cookie. A MutationObserver
/// in the page records every value its 今日受理 tile shows, with the time (Date.now()).</summary>
public sealed class LiveWall(IPage page)
{
    public static async Task<LiveWall> OpenAsync(IBrowser browser, LiveLoadOptions o)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var eq = o.KioskCookie.IndexOf('=', StringComparison.Ordinal);
        await page.Context.AddCookiesAsync([new Cookie { Name = o.KioskCookie[..eq], Value = o.KioskCookie[(eq + 1)..], Url = o.Web }]);
        await page.GotoAsync($"{o.Web.TrimEnd('/')}/screen");
        await page.WaitForSelectorAsync("[data-test=map][data-ready=true]", new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=date]')?.textContent?.length > 0");
        await page.EvaluateAsync("""
            () => {
              const el = document.querySelector('[data-test=tile][data-name="今日受理"] [data-test=tile-value]');
              const read = () => parseInt(el.textContent.replace(/[^0-9]/g, ''), 10);
              window.__samples = [[Date.now(), read()]];
              new MutationObserver(() => window.__samples.push([Date.now(), read()]))
                .observe(el, { childList: true, subtree: true, characterData: true });
            }
            """);
        return new LiveWall(page);
    }

    /// <summary>(time, 今日受理) in the order the wall showed them.</summary>
    public async Task<IReadOnlyList<(long At, int Value)>> SamplesAsync()
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__samples");
        return json.EnumerateArray().Select(s => ((long)s[0].GetDouble(), s[1].GetInt32())).ToList();
    }

    public async Task<int> ValueAsync() => (await SamplesAsync())[^1].Value;

    /// <summary>Whether Chromium counts the page as visible: a hidden page's timers and frames are throttled, which
    /// would make a wall late for a reason no real (full-screen) wall has.</summary>
    public async Task<bool> VisibleAsync() => await page.EvaluateAsync<string>("() => document.visibilityState") == "visible";
}
