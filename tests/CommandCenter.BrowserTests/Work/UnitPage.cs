using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Work;

/// <summary>A handling unit's 承办工作台 as a test drives it: the list, one case, its action buttons.</summary>
public sealed class UnitPage(IPage page, Uri app)
{
    public IPage Page => page;

    public async Task OpenListAsync()
    {
        await page.GotoAsync(new Uri(app, "work").ToString());
        await Expect(page.Locator("[data-testid=work-unit]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("body[data-keys=\"work\"]")).ToHaveCountAsync(1);   // live: circuit up, tone module loaded
    }

    /// <summary>A first click allows sound on the page (browsers play nothing before a gesture), as the person at
    /// the desk does by touching the page once.</summary>
    public async Task AllowSoundAsync() => await page.Locator("[data-testid=work-unit]").ClickAsync();

    /// <summary>How many alert tones the page has played so far.</summary>
    public async Task<int> TonesAsync() =>
        int.TryParse(await page.Locator("body").GetAttributeAsync("data-tones"), out var n) ? n : 0;

    public ILocator Row(long id) => page.Locator($"[data-testid=work-row][data-case-id=\"{id}\"]");

    public ILocator Banner => page.Locator("[data-testid=work-banner]");

    public ILocator Status => page.Locator("[data-testid=case-status]");

    /// <summary>Presses an action button (签收, 反馈 …), types the note if one is asked for, confirms, and waits
    /// for <paramref name="expectedStatus"/>.</summary>
    public async Task ActAsync(string action, string expectedStatus, string? note = null, byte[]? photo = null)
    {
        await page.Locator($"[data-testid=work-{action}]").ClickAsync();
        if (note is not null) await page.Locator("textarea[name=work-note]").FillAsync(note);
        if (photo is not null)
        {
            await page.Locator("[data-testid=work-photos]").SetInputFilesAsync(new FilePayload { Name = "现场.jpg", MimeType = "image/jpeg", Buffer = photo });
            await Expect(page.Locator("[data-testid=work-photo-preview]")).ToHaveCountAsync(1);
        }
        await page.Locator("[data-testid=work-submit]").ClickAsync();
        await Expect(Status).ToHaveTextAsync(expectedStatus);
    }
}
