using CommandCenter.Core.Cases;
using CommandCenter.Core.Notices;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Units;

/// <summary>A case not signed for in time escalates by itself (1级督办, a notice to the unit and one to the
/// center), once; a deadline close by gives a 临期 notice, once. The clock is fixed and moved by hand.</summary>
public sealed class DispatchWatchTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly UnitBench _b = new(db.DataSource, Start);
    private static readonly DispatchOptions Options = new() { DueSoonBefore = TimeSpan.FromHours(1) };

    private async Task<IReadOnlyList<Notice>> NoticesAsync(long id) =>
        [.. (await _b.Notices.ForUnitAsync(UnitBench.Chengguan.Scope, 200, default)).Where(n => n.CaseId == id)];

    private async Task<IReadOnlyList<Notice>> CenterAsync(long id) =>
        [.. (await _b.Notices.ForCenterAsync(200, default)).Where(n => n.CaseId == id)];

    [Fact]
    public async Task An_urgent_case_unsigned_for_30_minutes_escalates_once_with_notices_to_the_unit_and_the_center()
    {
        var id = await _b.DispatchedAsync("chengguan", "城管", priority: 1);

        _b.Cases.Clock.Advance(TimeSpan.FromMinutes(29));
        await _b.Watch.RunAsync(Options, default);
        Assert.Equal(0, (await _b.Cases.StateAsync(id)).SuperviseLevel);

        _b.Cases.Clock.Advance(TimeSpan.FromMinutes(2));
        await _b.Watch.RunAsync(Options, default);
        await _b.Watch.RunAsync(Options, default);

        var s = await _b.Cases.StateAsync(id);
        Assert.Equal((short)1, s.SuperviseLevel);
        Assert.Equal(CaseStatus.Dispatched, s.Status);
        Assert.Single(await NoticesAsync(id), n => n.Kind == NoticeKinds.Supervise);
        Assert.Single(await CenterAsync(id), n => n.Kind == NoticeKinds.SignOverdue);
        Assert.Equal(1, await _b.CountAsync("SELECT count(*) FROM case_events WHERE case_id = @id AND action = 'auto-supervise'", id));
    }

    [Fact]
    public async Task An_ordinary_case_has_four_hours_and_a_signed_case_never_escalates()
    {
        var ordinary = await _b.DispatchedAsync("chengguan", "城管", priority: 3);
        var signed = await _b.DispatchedAsync("chengguan", "城管", priority: 1);
        Assert.True((await _b.ActAsync(UnitBench.Chengguan, signed, new CaseCommand.Start())).Done);

        _b.Cases.Clock.Advance(TimeSpan.FromHours(3.9));
        await _b.Watch.RunAsync(Options, default);
        Assert.Equal(0, (await _b.Cases.StateAsync(ordinary)).SuperviseLevel);

        _b.Cases.Clock.Advance(TimeSpan.FromMinutes(7));
        await _b.Watch.RunAsync(Options, default);
        Assert.Equal((short)1, (await _b.Cases.StateAsync(ordinary)).SuperviseLevel);
        Assert.Equal(0, (await _b.Cases.StateAsync(signed)).SuperviseLevel);
        Assert.Empty(await CenterAsync(signed));
    }

    [Fact]
    public async Task A_deadline_an_hour_away_gives_one_due_soon_notice()
    {
        var id = await _b.DispatchedAsync("chengguan", "城管");
        Assert.True((await _b.ActAsync(UnitBench.Chengguan, id, new CaseCommand.Start())).Done);
        var deadline = (await _b.Cases.StateAsync(id)).DeadlineAt!.Value;

        _b.Cases.Clock.SetUtcNow(deadline.AddMinutes(-61));
        await _b.Watch.RunAsync(Options, default);
        Assert.DoesNotContain(await NoticesAsync(id), n => n.Kind == NoticeKinds.DueSoon);

        _b.Cases.Clock.SetUtcNow(deadline.AddMinutes(-59));
        await _b.Watch.RunAsync(Options, default);
        _b.Cases.Clock.Advance(TimeSpan.FromMinutes(10));
        await _b.Watch.RunAsync(Options, default);

        Assert.Single(await NoticesAsync(id), n => n.Kind == NoticeKinds.DueSoon);
    }

    [Fact]
    public void The_options_refuse_an_urgent_limit_longer_than_the_ordinary_one()
    {
        var bad = new DispatchOptions { SignWithinUrgent = TimeSpan.FromHours(5), SignWithin = TimeSpan.FromHours(4) };
        Assert.NotEmpty(bad.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(bad)));
        Assert.Empty(new DispatchOptions().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new DispatchOptions())));
    }
}
