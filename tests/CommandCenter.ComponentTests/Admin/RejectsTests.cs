using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.ComponentTests.Admin;

public sealed class RejectsTests(PostgisDatabase db) : AdminTest(db)
{
    private async Task AddAsync(string source, string reason, string raw, int line = 3)
    {
        await using var cmd = Db.DataSource.CreateCommand(
            "INSERT INTO rejects (received_at, source, stream, line_no, raw, reason) VALUES (now(), @s, 'incidents', @l, @raw, @r)");
        cmd.Parameters.AddWithValue("s", source);
        cmd.Parameters.AddWithValue("l", line);
        cmd.Parameters.AddWithValue("raw", raw);
        cmd.Parameters.AddWithValue("r", reason);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<long> TotalAsync()
    {
        await using var cmd = Db.DataSource.CreateCommand("SELECT count(*) FROM rejects");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Rejected_records_render_with_their_reason_line_and_type()
    {
        var reason = Unique("缺少字段 title ");
        await AddAsync("hotline", reason, """{"id":"1"}""", line: 7);

        var cut = Ctx.Render<Rejects>();

        var row = cut.WaitForRow(reason);
        Assert.Contains("hotline", row.TextContent);
        Assert.Contains("事件", row.TextContent);
        Assert.Contains("7", row.TextContent);
    }

    [Fact]
    public async Task Searching_by_text_lists_only_matching_records()
    {
        var wanted = Unique("坐标超出范围 ");
        var other = Unique("时间格式错误 ");
        await AddAsync("video", wanted, "{}");
        await AddAsync("video", other, "{}");
        var cut = Ctx.Render<Rejects>();
        cut.WaitForRow(other);

        cut.Find("input[name=reject-text]").Change(wanted);
        cut.Find("[data-testid=search]").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain(other, cut.Markup));
        Assert.Contains(wanted, cut.Markup);
    }

    [Fact]
    public async Task A_phone_number_in_the_raw_record_is_masked()
    {
        var reason = Unique("电话格式 ");
        await AddAsync("hotline", reason, """{"reporterPhone":"13812345678"}""");

        var cut = Ctx.Render<Rejects>();

        Assert.DoesNotContain("13812345678", cut.WaitForRow(reason).TextContent);
    }

    [Fact]
    public async Task The_pager_counts_in_Chinese()
    {
        await AddAsync("hotline", Unique("分页 "), "{}");
        var total = await TotalAsync();

        var cut = Ctx.Render<Rejects>();

        cut.WaitForAssertion(() => Assert.Contains($"第 1–{total} 条，共 {total} 条", cut.Markup));
        Assert.Contains("每页行数：", cut.Markup);
    }
}
