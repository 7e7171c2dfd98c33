using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Shared.Ui;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CommandCenter.ComponentTests.Trends;

/// <summary>The filter of /trends (the page loads its numbers from the class's own database).</summary>
public sealed class TrendsFilterTests : MudTest, IClassFixture<PostgisDatabase>
{
    public TrendsFilterTests(PostgisDatabase db)
    {
        Ctx.AddCommandCenter(db.DataSource, Clocks.Fixed());
        // The page's live sections (专项任务) subscribe to the change feed; these tests change nothing, so a feed that is
        // never started is enough.
        Ctx.Services.AddSingleton<CommandCenter.Core.ChangeFeed.IChangeFeed>(new CommandCenter.Core.ChangeFeed.ChangeFeedListener(db.DataSource,
            Microsoft.Extensions.Options.Options.Create(new CommandCenter.Core.ChangeFeed.ChangeFeedOptions()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CommandCenter.Core.ChangeFeed.ChangeFeedListener>.Instance));
        Ctx.SignIn(Roles.Leader, "leader1", "李领导");
        Ctx.Render<MudPopoverProvider>();
    }

    private NavigationManager Nav => Ctx.Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<Features.Trends.Trends> Open(string query)
    {
        Nav.NavigateTo("trends" + query);
        var cut = Ctx.Render<Features.Trends.Trends>();
        // The page assigns everything it loads at once; the patrol section is part of that load, so once it and the
        // cards are there no load is still under way that could render over what a test types next.
        cut.WaitForElement("[data-test=cards]");
        cut.WaitForElement("[data-test=patrol]");
        return cut;
    }

    private static IReadOnlyList<string?> Days(IRenderedComponent<Features.Trends.Trends> cut) =>
        cut.FindAll("[data-test=filter] input[placeholder=yyyy-MM-dd]").Select(i => i.GetAttribute("value")).ToList();

    [Fact]
    public void The_date_fields_show_the_range_of_the_address_as_yyyy_MM_dd()
    {
        var cut = Open("?from=2026-01-05&to=2026-02-22&gran=week");

        Assert.Equal(["2026-01-05", "2026-02-22"], Days(cut));
    }

    [Fact]
    public void Without_dates_the_filter_shows_the_last_twelve_weeks_up_to_today()
    {
        var cut = Open("");

        // 12 weeks back is Tuesday 2025-12-09; the range widens to whole weeks, from Monday.
        Assert.Equal(["2025-12-08", "2026-03-02"], Days(cut));
    }

    [Fact]
    public async Task Apply_navigates_to_the_address_with_the_chosen_dates_and_granularity()
    {
        var cut = Open("?from=2026-01-05&to=2026-02-22&gran=week");
        var pickers = cut.FindComponents<DayPicker>();
        await cut.InvokeAsync(() => pickers[0].Instance.ValueChanged.InvokeAsync(new DateOnly(2025, 11, 3)));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("month"));
        cut.WaitForAssertion(() => Assert.Equal(["2025-11-03", "2026-02-22"], Days(cut)));

        cut.Find("[data-test=apply]").Click();

        // A month range starts on the first of its month.
        cut.WaitForAssertion(() => Assert.EndsWith("/trends?from=2025-11-01&to=2026-02-22&gran=month", Nav.Uri));
    }

    [Fact]
    public async Task Apply_with_the_dates_reversed_swaps_them()
    {
        var cut = Open("?from=2026-01-05&to=2026-02-22&gran=day");
        await cut.InvokeAsync(() => cut.FindComponents<DayPicker>()[1].Instance.ValueChanged.InvokeAsync(new DateOnly(2025, 12, 1)));
        // Click only once the field shows the new date: the page has taken it.
        cut.WaitForAssertion(() => Assert.Equal(["2026-01-05", "2025-12-01"], Days(cut)));

        cut.Find("[data-test=apply]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/trends?from=2025-12-01&to=2026-01-05&gran=day", Nav.Uri));
    }

    [Fact]
    public void A_date_that_is_not_yyyy_MM_dd_is_named_in_Chinese()
    {
        var cut = Open("?from=01/05/2026&to=2026-02-22");

        Assert.Contains("开始日期「01/05/2026」不是 yyyy-MM-dd 格式的日期，已使用默认值。", cut.Find("p.problem").TextContent);
    }
}
