using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Cases;

/// <summary>The duty officer's screens as a test drives them: the queue and one case, by keyboard.</summary>
public sealed class OfficerPage(IPage page, Uri app)
{
    public IPage Page => page;

    public async Task OpenQueueAsync()
    {
        await page.GotoAsync(new Uri(app, "cases").ToString());
        await Expect(page.Locator("[data-testid=queue-row]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ShortcutsLiveAsync("queue");
    }

    public async Task OpenCaseAsync(long id)
    {
        await page.GotoAsync(new Uri(app, $"cases/{id}").ToString());
        await ShortcutsLiveAsync($"case-{id}");
    }

    /// <summary>Waits until the screen's keyboard shortcuts are registered (its JS module has loaded).</summary>
    public Task ShortcutsLiveAsync(string scope) =>
        Expect(page.Locator($"body[data-keys=\"{scope}\"]")).ToHaveCountAsync(1);

    public ILocator UrgentAlert => page.Locator("[data-testid=urgent-alert]");

    public ILocator QueueRow(long id) => page.Locator($"[data-testid=queue-row][data-case-id=\"{id}\"]");

    public ILocator Status => page.Locator("[data-testid=case-status]");

    public ILocator Timeline => page.Locator("[data-testid=timeline] li");

    /// <summary>Opens an action with its shortcut, optionally types the note, submits with Ctrl+Enter and waits
    /// until the case shows <paramref name="expectedStatus"/>.</summary>
    public async Task ActAsync(string key, string expectedStatus, string? note = null, string? choice = null)
    {
        await page.Keyboard.PressAsync(key);
        var form = page.Locator("[data-testid=action-form]");
        await Expect(form).ToBeVisibleAsync();
        if (choice is not null) await page.Keyboard.PressAsync(choice);
        if (note is not null) await form.Locator("textarea").Last.FillAsync(note);
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(form).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=action-error]")).ToBeHiddenAsync();
        await Expect(Status).ToHaveTextAsync(expectedStatus);
    }
}
