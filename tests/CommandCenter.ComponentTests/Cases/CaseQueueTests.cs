using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;
using CommandCenter.Features.Cases;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Live;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Cases;

/// <summary>Each test gets its own database: the queue lists every open case, so counts are only the test's own.</summary>
public sealed class CaseQueueTests : MudTest
{
    private readonly PostgisDatabase _db = new();
    private ChangeFeedListener _feed = null!;
    private CaseBench _cases = null!;

    public override async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        // The real clock: the queue coalesces change bursts with a short real delay.
        _cases = new CaseBench(_db.DataSource, TimeProvider.System);
        Ctx.AddCommandCenter(_db.DataSource, TimeProvider.System);
        Ctx.SignIn(Roles.Officer, "zhang", "张值班");
        _feed = await Ctx.StartChangeFeedAsync(_db.DataSource);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _feed.StopAsync(CancellationToken.None);
        _feed.Dispose();
        await _db.DisposeAsync();
    }

    private IRenderedComponent<CaseQueue> Render()
    {
        var cut = Ctx.Render<CaseQueue>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=queue-row]")), Patience);
        return cut;
    }

    // The first page needs several queries on a freshly cloned database, on a machine shared with other builds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static Task PressAsync(IRenderedComponent<CaseQueue> cut, string key) =>
        cut.InvokeAsync(() => cut.FindComponent<CaseKeys>().Instance.OnKey(key));

    private static IReadOnlyList<string> Ids(IRenderedComponent<CaseQueue> cut) =>
        cut.FindAll("[data-testid=queue-row]").Select(r => r.GetAttribute("data-case-id")!).ToList();

    private static string Selected(IRenderedComponent<CaseQueue> cut) =>
        cut.Find("[data-testid=queue-row].selected").GetAttribute("data-case-id")!;

    [Fact]
    public async Task The_queue_lists_open_cases_most_urgent_first_with_their_count()
    {
        var normal = await _cases.NewCaseAsync(CaseStatus.Pending, priority: 3);
        var urgent = await _cases.NewCaseAsync(CaseStatus.Pending, priority: 1);
        await _cases.NewCaseAsync(CaseStatus.Closed);

        var cut = Render();

        cut.WaitForAssertion(() => Assert.Equal([$"{urgent}", $"{normal}"], Ids(cut)), Patience);
        cut.WaitForAssertion(() => Assert.Equal("共 2 件", cut.Find("[data-testid=queue-count]").TextContent), Patience);
        Assert.Contains("urgent", cut.Find($"[data-case-id='{urgent}']").ClassList);
        Assert.DoesNotContain("urgent", cut.Find($"[data-case-id='{normal}']").ClassList);
    }

    [Fact]
    public async Task A_case_past_its_deadline_is_marked_overdue()
    {
        var late = await _cases.NewCaseAsync(CaseStatus.Dispatched, deadline: DateTimeOffset.UtcNow.AddHours(-3));

        var cut = Render();

        var row = cut.Find($"[data-case-id='{late}']");
        Assert.Contains("is-overdue", row.ClassList);
        Assert.Contains("超期 ", row.QuerySelector(".overdue")!.TextContent);
    }

    [Fact]
    public async Task Searching_lists_only_the_matching_cases()
    {
        await _cases.NewCaseAsync(CaseStatus.Pending, title: "下水道堵塞");
        var leak = await _cases.NewCaseAsync(CaseStatus.Pending, title: "楼道漏水");
        var cut = Render();

        cut.Find("#cq-search").Change("漏水");

        cut.WaitForAssertion(() => Assert.Equal([$"{leak}"], Ids(cut)), Patience);
    }

    [Fact]
    public async Task U_shows_only_urgent_cases_and_pressing_it_again_shows_all()
    {
        await _cases.NewCaseAsync(CaseStatus.Pending, priority: 3);
        var urgent = await _cases.NewCaseAsync(CaseStatus.Pending, priority: 1);
        var cut = Render();

        await PressAsync(cut, "u");
        cut.WaitForAssertion(() => Assert.Equal([$"{urgent}"], Ids(cut)), Patience);

        await PressAsync(cut, "u");
        cut.WaitForAssertion(() => Assert.Equal(2, Ids(cut).Count), Patience);
    }

    [Fact]
    public async Task O_shows_only_overdue_cases_and_Escape_clears_the_filter()
    {
        await _cases.NewCaseAsync(CaseStatus.Dispatched, deadline: DateTimeOffset.UtcNow.AddHours(5));
        var late = await _cases.NewCaseAsync(CaseStatus.Dispatched, deadline: DateTimeOffset.UtcNow.AddHours(-1));
        var cut = Render();

        await PressAsync(cut, "o");
        cut.WaitForAssertion(() => Assert.Equal([$"{late}"], Ids(cut)), Patience);

        await PressAsync(cut, "Escape");
        cut.WaitForAssertion(() => Assert.Equal(2, Ids(cut).Count), Patience);
    }

    [Fact]
    public async Task J_and_K_move_the_selection_down_and_up()
    {
        var second = await _cases.NewCaseAsync(CaseStatus.Pending, priority: 2);
        var first = await _cases.NewCaseAsync(CaseStatus.Pending, priority: 1);
        var cut = Render();

        await PressAsync(cut, "j");
        cut.WaitForAssertion(() => Assert.Equal($"{first}", Selected(cut)), Patience);
        await PressAsync(cut, "j");
        cut.WaitForAssertion(() => Assert.Equal($"{second}", Selected(cut)), Patience);
        await PressAsync(cut, "k");
        cut.WaitForAssertion(() => Assert.Equal($"{first}", Selected(cut)), Patience);
    }

    [Fact]
    public async Task Enter_opens_the_selected_case()
    {
        await _cases.NewCaseAsync(CaseStatus.Pending, priority: 1);
        var second = await _cases.NewCaseAsync(CaseStatus.Pending, priority: 2);
        var cut = Render();
        await PressAsync(cut, "j");
        await PressAsync(cut, "j");

        await PressAsync(cut, "Enter");

        Assert.EndsWith($"/cases/{second}", Ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_new_urgent_case_raises_the_banner_and_Enter_opens_it_whatever_is_selected()
    {
        await _cases.NewCaseAsync(CaseStatus.Pending, priority: 3);
        var cut = Render();
        await PressAsync(cut, "j");

        var urgent = await _cases.NewCaseAsync(CaseStatus.Pending, priority: 1, title: "燃气泄漏");

        cut.WaitForAssertion(() => Assert.Contains($"新紧急事件 1 件 · #{urgent}", cut.Find("[data-testid=urgent-alert]").TextContent),
            TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Contains("flash", cut.Find($"[data-case-id='{urgent}']").ClassList), Patience);
        await PressAsync(cut, "Enter");
        Assert.EndsWith($"/cases/{urgent}", Ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Cases_urgent_before_the_queue_opened_raise_no_banner()
    {
        await _cases.NewCaseAsync(CaseStatus.Pending, priority: 1);

        var cut = Render();

        Assert.Empty(cut.FindAll("[data-testid=urgent-alert]"));
        Assert.DoesNotContain("flash", cut.Find("[data-testid=queue-row]").ClassList);
    }

    [Fact]
    public async Task A_accepts_the_selected_case()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.Pending);
        var cut = Render();
        await PressAsync(cut, "j");

        await PressAsync(cut, "a");

        cut.WaitForAssertion(() => Assert.Contains($"#{id} 已受理", cut.Find(".cq-message").TextContent), Patience);
        Assert.Equal(CaseStatus.Accepted, (await _cases.DetailAsync(id)).State.Status);
    }

    [Fact]
    public async Task The_header_names_the_officer_on_duty()
    {
        await _cases.NewCaseAsync(CaseStatus.Pending);

        var cut = Render();

        Assert.Equal("值班员 张值班", cut.Find("[data-testid=officer]").TextContent);
    }
}
