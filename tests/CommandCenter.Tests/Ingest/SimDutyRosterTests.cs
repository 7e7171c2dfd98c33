using CommandCenter.Core.Duty;
using CommandCenter.Core.Security;
using CommandCenter.Ingest.Simulator;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Ingest;

/// <summary>The simulator keeps a 24-hour 领导带班 roster a week ahead, through the same checked store as the admin,
/// and leaves a shift the admin planned alone.</summary>
public sealed class SimDutyRosterTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task The_simulator_covers_every_hour_from_yesterday_to_a_week_ahead_once_and_keeps_an_admins_shift()
    {
        var clock = new FakeTimeProvider(Now.ToUniversalTime());
        var roster = new DutyRoster(db.DataSource, new AuditLog(db.DataSource, clock), clock);
        var planned = new DateTimeOffset(2026, 5, 6, 8, 30, 0, TimeSpan.FromHours(8));
        Assert.Null(await roster.AddAsync(new DutyShiftDraft(planned, planned.AddHours(9), "管理员排的领导", "张值班", null),
            new AuditActor("管理员（admin）", Roles.Admin, "127.0.0.1"), default));
        var sim = new SimDutyRoster(db.DataSource, clock, _ => { });

        var added = await sim.FillAsync(default);
        var again = await sim.FillAsync(default);

        Assert.Equal(9 * 2 - 1, added);
        Assert.Equal(0, again);
        var from = new DateTimeOffset(2026, 5, 3, 8, 30, 0, TimeSpan.FromHours(8));
        for (var at = from; at < from.AddDays(9); at = at.AddMinutes(30))
            Assert.NotNull(await roster.AtAsync(at, default));
        Assert.Equal("管理员排的领导", (await roster.AtAsync(planned.AddHours(1), default))!.Leader);
        var now = (await roster.AtAsync(Now, default))!;
        Assert.Equal(2, now.Officers.Count);
        Assert.Equal("日班", now.Note);
    }
}
