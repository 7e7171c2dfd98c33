using CommandCenter.Core.Cases;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Cases;

/// <summary>The duty queue's order and filters on PostGIS. Every case here is in this class's own database.</summary>
public sealed class CaseQueriesTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly CaseQueries _queries = new(db.DataSource, new FakeTimeProvider(Now.ToUniversalTime()));
    // xunit makes a new instance per test but one database per class: seed that database once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<long>>>> Seeded = new();
    private IReadOnlyList<long> _ids = [];

    public async Task InitializeAsync() =>
        _ids = await Seeded.GetOrAdd(db.Name, _ => new Lazy<Task<IReadOnlyList<long>>>(SeedAsync)).Value;

    private async Task<IReadOnlyList<long>> SeedAsync()
    {
        await SampleData.EnsureGridsAsync(db.DataSource, 30);
        return await SampleData.AddCasesAsync(db.DataSource, [
            new CaseSpec(Now.AddHours(-5)) { Priority = 3, Status = "accepted", Grid = "G001", Title = "路灯不亮" },
            new CaseSpec(Now.AddHours(-4)) { Priority = 1, Status = "pending", Grid = "G002", Title = "燃气异味", Source = "12345", Category = "safety" },
            new CaseSpec(Now.AddHours(-1)) { Priority = 1, Status = "pending", Grid = "G020", Title = "电动车楼道充电", Category = "safety" },
            new CaseSpec(Now.AddHours(-3)) { Priority = 1, Status = "dispatched", Grid = "G003", Title = "消防通道堵塞",
                DispatchedAt = Now.AddHours(-3), DeadlineAt = Now.AddHours(-1) },
            new CaseSpec(Now.AddHours(-2)) { Priority = 2, Status = "in_progress", Grid = "G004", Title = "夜间噪音", Category = "noise",
                DispatchedAt = Now.AddHours(-2), DeadlineAt = Now.AddHours(20), SuperviseLevel = 1 },
            new CaseSpec(Now.AddHours(-6)) { Priority = 1, Status = "closed", Grid = "G005", Title = "已办结的事件", ClosedAt = Now.AddHours(-1) },
            new CaseSpec(Now.AddHours(-7)) { Priority = 1, Status = "accepted", Grid = "G006", Title = "井盖缺失（网格员上报即受理）", Source = "grid-app" },
        ]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<long>> IdsAsync(CaseQueueFilter f) =>
        (await _queries.PageAsync(f, 0, 100, CancellationToken.None)).Select(r => r.Id).ToList();

    [Fact]
    public async Task Open_cases_are_listed_urgent_first_with_the_newest_waiting_for_dispatch_on_top()
    {
        Assert.Equal([_ids[2], _ids[1], _ids[6], _ids[3], _ids[4], _ids[0]], await IdsAsync(new CaseQueueFilter()));
        Assert.Equal(6, await _queries.CountAsync(new CaseQueueFilter(), CancellationToken.None));
        Assert.Equal([_ids[2], _ids[1], _ids[6]], await _queries.UrgentWaitingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Filters_narrow_the_queue()
    {
        Assert.Equal([_ids[5]], await IdsAsync(new CaseQueueFilter { Status = CaseStatus.Closed }));
        Assert.Equal([_ids[3]], await IdsAsync(new CaseQueueFilter { OverdueOnly = true }));
        Assert.Equal([_ids[4]], await IdsAsync(new CaseQueueFilter { SupervisedOnly = true }));
        Assert.Equal([_ids[4]], await IdsAsync(new CaseQueueFilter { CategoryCode = "noise" }));
        Assert.Equal([_ids[1]], await IdsAsync(new CaseQueueFilter { Source = "12345" }));
        Assert.Equal([_ids[2], _ids[1], _ids[6], _ids[3]], await IdsAsync(new CaseQueueFilter { Priority = 1 }));
        Assert.Equal([_ids[0]], await IdsAsync(new CaseQueueFilter { GridCode = "G001" }));
        Assert.Equal([_ids[1]], await IdsAsync(new CaseQueueFilter { Search = "燃气" }));
        Assert.Equal([_ids[3]], await IdsAsync(new CaseQueueFilter { Search = $"#{_ids[3]}" }));
        Assert.Empty(await IdsAsync(new CaseQueueFilter { Search = "100%_" }));
    }

    [Fact]
    public async Task Region_and_community_filters_follow_the_grid_hierarchy()
    {
        // G020 lies in another community than G001–G005 (SampleData spreads 30 grids over 25 communities).
        await using var cmd = db.DataSource.CreateCommand("SELECT community_code, region_code FROM grids WHERE code = 'G020'");
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var (community, region) = (r.GetString(0), r.GetString(1));
        Assert.Contains(_ids[2], await IdsAsync(new CaseQueueFilter { CommunityCode = community }));
        Assert.DoesNotContain(_ids[0], await IdsAsync(new CaseQueueFilter { CommunityCode = community }));
        Assert.Contains(_ids[2], await IdsAsync(new CaseQueueFilter { RegionCode = region }));
    }
}
