using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Cases;
using CommandCenter.Features.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.ComponentTests.Cases;

public sealed class DeadlineCountdownTests : BunitContext
{
    private readonly FakeTimeProvider _clock = Clocks.Fixed();

    public DeadlineCountdownTests() => Services.AddSingleton<TimeProvider>(_clock);

    private IRenderedComponent<DeadlineCountdown> Show(TimeSpan fromNow, string status) =>
        Render<DeadlineCountdown>(p => p.Add(c => c.Deadline, Clocks.Monday10 + fromNow).Add(c => c.Status, status));

    [Fact]
    public void A_handled_case_shows_the_time_left_and_its_deadline_in_Beijing_time()
    {
        var cut = Show(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(20), CaseStatus.InProgress);

        var text = cut.Find("[data-testid=countdown]").TextContent;
        Assert.Contains("期限 03-02 15:20", text);
        Assert.Contains("剩余 5时20分", text);
        Assert.Equal("cd-deadline", cut.Find("[data-testid=countdown]").ClassName);
    }

    [Fact]
    public void Less_than_four_hours_left_is_marked_soon()
    {
        var cut = Show(TimeSpan.FromMinutes(90), CaseStatus.Dispatched);

        Assert.Contains("soon", cut.Find("[data-testid=countdown]").ClassList);
        Assert.Contains("剩余 1时30分", cut.Markup);
    }

    [Fact]
    public void A_case_past_its_deadline_shows_how_long_it_is_overdue()
    {
        var cut = Show(-TimeSpan.FromDays(1) - TimeSpan.FromHours(2), CaseStatus.InProgress);

        Assert.Contains("late", cut.Find("[data-testid=countdown]").ClassList);
        Assert.Contains("已超期 1天2时", cut.Markup);
    }

    [Fact]
    public void A_closed_case_stops_the_clock()
    {
        var cut = Show(-TimeSpan.FromHours(3), CaseStatus.Closed);

        Assert.Contains("done", cut.Find("[data-testid=countdown]").ClassList);
        Assert.Contains("计时已停止", cut.Markup);
        Assert.DoesNotContain("超期", cut.Markup);
    }

    [Fact]
    public void The_countdown_moves_on_each_second_and_turns_overdue_when_the_deadline_passes()
    {
        var cut = Show(TimeSpan.FromSeconds(2), CaseStatus.InProgress);
        Assert.Contains("剩余 0分2秒", cut.Markup);

        _clock.Advance(TimeSpan.FromSeconds(5));

        cut.WaitForAssertion(() => Assert.Contains("已超期 0分3秒", cut.Markup));
        Assert.Contains("late", cut.Find("[data-testid=countdown]").ClassList);
    }

    [Fact]
    public void A_case_without_a_deadline_shows_nothing()
    {
        var cut = Render<DeadlineCountdown>(p => p.Add(c => c.Deadline, null).Add(c => c.Status, CaseStatus.Accepted));

        Assert.Empty(cut.FindAll("[data-testid=countdown]"));
    }
}
