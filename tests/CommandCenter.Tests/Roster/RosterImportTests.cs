using CommandCenter.Core.Roster;
using CommandCenter.Core.Security;
using CommandCenter.Features.Roster;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Roster;

/// <summary>A roster CSV goes in whole or not at all, and every refused line is named with what is wrong.</summary>
public sealed class RosterImportTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private const string Head = "姓名,工号,手机,角色,网格,起始日期,终止日期\r\n";
    private static readonly AuditActor Admin = new("管理员（admin）", Roles.Admin, "127.0.0.1");
    private RosterStore Store => new(db.DataSource, new AuditLog(db.DataSource, new FakeTimeProvider(DateTimeOffset.UtcNow)));

    private async Task<IReadOnlyList<RosterProblem>> ImportAsync(string csv)
    {
        await SampleData.EnsureGridsAsync(db.DataSource, 20);
        var (rows, problems) = RosterCsv.Parse(new StringReader(csv));
        return problems.Count > 0 ? problems : await Store.ImportAsync(rows, "名册.csv", Admin, default);
    }

    [Fact]
    public async Task A_file_with_bad_lines_names_each_one_and_imports_nothing()
    {
        var before = (await Store.ListAsync(default)).Count;

        var problems = await ImportAsync(Head +
            "张网格,W901,13900001111,专职网格员,G001,2026-01-01,\r\n" +
            ",W902,,专职网格员,G002,2026-01-01,\r\n" +
            "李干部,,12345,机关干部,G001,2026-01-01,\r\n" +
            "王志愿,,,居民,G001,2026-01-01,\r\n" +
            "赵网格,W901,,专职网格员,G003,2026/01/01,\r\n" +
            "孙网格,W903,,专职网格员,G003,2026-01-01,\r\n");

        Assert.Equal([3, 4, 5, 6], problems.Select(p => p.Line));
        Assert.Equal("姓名为空", problems[0].Reason);
        Assert.Equal("手机号「12345」不是 11 位手机号", problems[1].Reason);
        Assert.StartsWith("角色「居民」不对", problems[2].Reason);
        Assert.Equal("起始日期「2026/01/01」格式不对，应为 yyyy-MM-dd", problems[3].Reason);
        Assert.Equal(before, (await Store.ListAsync(default)).Count);
    }

    [Fact]
    public async Task An_unknown_grid_or_a_worker_id_already_on_the_roster_stops_the_whole_file()
    {
        Assert.Empty(await ImportAsync(Head + "周网格,W950,13900002222,专职网格员,G010、G011,2026-01-01,\r\n"));
        var before = (await Store.ListAsync(default)).Count;

        var problems = await ImportAsync(Head +
            "吴志愿,,,志愿者,G010,2026-02-01,2026-12-31\r\n" +
            "郑网格,W950,,专职网格员,G012,2026-02-01,\r\n" +
            "钱干部,,,社区干部,G999,2026-02-01,\r\n");

        Assert.Equal(["工号 W950 已在名册中", "网格「G999」不存在（填网格代码或网格名称）"], problems.Select(p => p.Reason));
        Assert.Equal(before, (await Store.ListAsync(default)).Count);
        var zhou = Assert.Single(await Store.ListAsync(default), p => p.WorkerId == "W950");
        Assert.Equal(["G010", "G011"], zhou.GridCodes);
        Assert.Equal("13900002222", zhou.Phone);
    }

    [Fact]
    public void A_file_without_the_header_is_refused_on_line_one()
    {
        var (rows, problems) = RosterCsv.Parse(new StringReader("name,id\r\n张三,1\r\n"));

        Assert.Empty(rows);
        Assert.StartsWith("表头缺少列：姓名、工号、手机、角色、网格", Assert.Single(problems).Reason);
    }
}
