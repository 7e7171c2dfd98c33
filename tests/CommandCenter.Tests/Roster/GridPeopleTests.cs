using CommandCenter.Core.Roster;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CommandCenter.Tests.Roster;

/// <summary>What the wall shows of a focused grid's people: the roster's 1+1+N team masked (volunteers only
/// counted), its 专职网格员 with who is out on patrol now, and today's patrol in Shanghai's day.</summary>
public sealed class GridPeopleTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    // 2026-03-02 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private GridPeopleReader Reader => new(db.DataSource, new FakeTimeProvider(Now.ToUniversalTime()));

    private async Task ExecAsync(string sql, params (string Name, object Value)[] args)
    {
        await SampleData.EnsureGridsAsync(db.DataSource, 20);
        await using var cmd = db.DataSource.CreateCommand(sql);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync();
    }

    private Task PersonAsync(string role, string name, string? phone, string? workerId, string[] grids, DateOnly from, DateOnly? to = null) =>
        ExecAsync("""
            INSERT INTO roster_people (worker_id, name, phone, team_role, grid_codes, active_from, active_to)
            VALUES (@w, @n, @p, @r, @g, @f, @t)
            """, ("w", (object?)workerId ?? DBNull.Value), ("n", name), ("p", (object?)phone ?? DBNull.Value), ("r", role), ("g", grids),
            ("f", from), ("t", (object?)to ?? DBNull.Value));

    private Task PatrolAsync(string workerId, string name, string kind, DateTimeOffset at, string grid) =>
        ExecAsync("""
            INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
            VALUES ('grid-app', @x, @w, @n, @k, @at, @g)
            """, ("x", Guid.NewGuid().ToString()), ("w", workerId), ("n", name), ("k", kind), ("at", at.ToUniversalTime()), ("g", grid));

    [Fact]
    public async Task The_team_comes_from_the_roster_masked_with_volunteers_counted_and_former_members_left_out()
    {
        var since = new DateOnly(2026, 1, 1);
        await PersonAsync("机关干部", "王建国", "13811112222", null, ["G015"], since);
        await PersonAsync("社区干部", "李秀英", null, null, ["G015", "G016"], since);
        await PersonAsync("社区干部", "赵已离", null, null, ["G015"], since, new DateOnly(2026, 2, 28));
        await PersonAsync("志愿者", "孙志愿", "13900000001", null, ["G015"], since);
        await PersonAsync("志愿者", "周志愿", null, null, ["G015"], since);
        await PersonAsync("专职网格员", "钱网格", "13700003333", "W-G015", ["G015"], since);

        var people = await Reader.LoadAsync("G015", default);

        Assert.True(people.FromRoster);
        Assert.Equal([("机关干部", "王**", "138****2222"), ("社区干部", "李**", (string?)null)],
            people.Cadres.Select(c => (c.Role, c.Name, c.Phone)));
        Assert.Equal(2, people.Volunteers);
        var worker = Assert.Single(people.Workers);
        Assert.Equal(("钱**", "137****3333"), (worker.Name, worker.Phone));
        Assert.False(worker.OnPatrol);
        Assert.False(people.Patrol.Patrolled);
    }

    [Fact]
    public async Task Todays_patrol_counts_only_the_shanghai_day_and_the_worker_is_on_patrol_until_their_end_event()
    {
        await PersonAsync("专职网格员", "吴网格", null, "W-G017", ["G017", "G018"], new DateOnly(2026, 1, 1));
        await PersonAsync("专职网格员", "郑网格", null, "W-G017b", ["G017"], new DateOnly(2026, 1, 1));
        var today = Now.AddHours(-2);   // 08:00
        await PatrolAsync("W-G017", "吴网格", "check-in", Now.AddHours(-10.5), "G017");   // 23:30 yesterday: not today
        await PatrolAsync("W-G017", "吴网格", "start", today, "G017");
        await PatrolAsync("W-G017", "吴网格", "check-in", today.AddMinutes(10), "G017");
        await PatrolAsync("W-G017", "吴网格", "visit", today.AddMinutes(20), "G017");
        await PatrolAsync("W-G017", "吴网格", "visit", today.AddMinutes(40), "G017");
        await PatrolAsync("W-G017", "吴网格", "check-in", today.AddMinutes(50), "G018");   // another grid: still on patrol
        await PatrolAsync("W-G017b", "郑网格", "start", today, "G017");
        await PatrolAsync("W-G017b", "郑网格", "end", today.AddHours(1), "G017");
        await PatrolAsync("W-G017b", "郑网格", "check-in", Now.AddHours(1), "G017");   // after now (a fixed clock): not counted

        var people = await Reader.LoadAsync("G017", default);

        Assert.Equal((1, 2), (people.Patrol.CheckIns, people.Patrol.Visits));
        Assert.Equal(today.AddHours(1), people.Patrol.LastAt);
        Assert.Equal("郑**", people.Patrol.LastWorker);
        Assert.Equal([("吴**", true), ("郑**", false)], people.Workers.Select(w => (w.Name, w.OnPatrol)));
    }

    [Fact]
    public async Task A_grid_without_team_rows_on_the_roster_shows_the_team_kept_with_the_grid_masked_beside_its_roster_worker()
    {
        await ExecAsync("""UPDATE grids SET team = '{"cadre":"陈干部","community":"林社区","volunteers":["甲","乙","丙"]}' WHERE code = 'G019'""");
        await PersonAsync("专职网格员", "何网格", null, "W-G019", ["G019"], new DateOnly(2026, 1, 1));

        var people = await Reader.LoadAsync("G019", default);

        Assert.False(people.FromRoster);
        Assert.Equal(["机关干部 陈**", "社区干部 林**"], people.Cadres.Select(c => $"{c.Role} {c.Name}"));
        Assert.Equal(3, people.Volunteers);
        Assert.Equal(["何**"], people.Workers.Select(w => w.Name));   // the roster's worker with the grid file's team
    }
}
