using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Mobile;

/// <summary>/m as a grid worker's thumb sees it.</summary>
public sealed class PhonePage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Location => Page.GetByTestId("m-location");
    public ILocator LocationProblem => Page.GetByTestId("m-location-problem");
    public ILocator Verdict => Page.GetByTestId("m-verdict");
    public ILocator Submit => Page.GetByTestId("m-submit");
    public ILocator Previews => Page.Locator(".m-preview img");
    public ILocator Title => Page.Locator("#m-title");

    /// <summary>Opens the MudSelect labelled <paramref name="label"/> and taps the option <paramref name="option"/>.</summary>
    public async Task PickAsync(string label, string option)
    {
        await Page.Locator(".mud-select").Filter(new() { HasText = label }).First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        // As a thumb would: wait until the list has closed before touching the next field. Typing into the title
        // while the select was still closing lost the title once in a clean-clone run under load.
        await Microsoft.Playwright.Assertions.Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    public Task AttachAsync(string name, byte[] jpeg) =>
        Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/jpeg", Buffer = jpeg });

    /// <summary>The case number in the accepted verdict.</summary>
    public async Task<long> AcceptedCaseAsync()
    {
        var text = await Verdict.InnerTextAsync();
        var m = System.Text.RegularExpressions.Regex.Match(text, "事件 #(\\d+)");
        return m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("no case number in: " + text);
    }
}
