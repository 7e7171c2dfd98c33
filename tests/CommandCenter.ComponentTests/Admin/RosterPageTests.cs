using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;

namespace CommandCenter.ComponentTests.Admin;

/// <summary>/admin/roster: the picker reads in Chinese, a refused file names its lines and imports nothing, an
/// accepted one lists its people with grid names and masked phones, and the search narrows the list.</summary>
public sealed class RosterPageTests(PostgisDatabase db) : AdminTest(db)
{
    private const string Head = "姓名,工号,手机,角色,网格,起始日期,终止日期\r\n";

    private async Task<IRenderedComponent<RosterPage>> OpenAsync()
    {
        await SampleData.EnsureGridsAsync(Db.DataSource, 20);
        var cut = Ctx.Render<RosterPage>();
        cut.WaitForAssertion(() => Assert.Contains("共 ", cut.Find("[data-testid=roster-count]").TextContent));
        return cut;
    }

    [Fact]
    public async Task A_file_with_a_bad_line_names_it_and_the_roster_stays_empty()
    {
        var cut = await OpenAsync();
        Assert.Contains("选择 CSV 文件导入", cut.Find("label.file-pick").TextContent);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            Head + "张网格,W701,13900001111,专职网格员,G001,2026-01-01,\r\n李干部,,12345,机关干部,G001,2026-01-01,\r\n", "名册-坏.csv"));

        cut.WaitForAssertion(() => Assert.Contains("名册-坏.csv：1 行有问题，整份文件未导入", cut.Find("[data-testid=admin-message]").TextContent));
        Assert.Contains("第 3 行", cut.Find("[data-testid=roster-problems]").TextContent);
        Assert.Contains("名册-坏.csv", cut.Find("[data-test=file-chosen]").TextContent);
        Assert.DoesNotContain("张网格", cut.Find("[data-testid=roster]").TextContent);
    }

    [Fact]
    public async Task An_accepted_file_lists_its_people_masked_and_the_search_narrows_them()
    {
        var cut = await OpenAsync();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Head +
            "钱网格,W801,13700003333,专职网格员,G002、G003,2026-01-01,\r\n" +
            "孙干部,,,机关干部,G004,2026-01-01,\r\n" +
            "周志愿,,,志愿者,G004,2026-01-01,2026-12-31\r\n", "名册.csv"));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=roster-person]").Count));
        var qian = cut.Row("钱网格").TextContent;
        Assert.Contains("137****3333", qian);
        Assert.DoesNotContain("13700003333", cut.Markup);
        Assert.Contains("共 3 人", cut.Find("[data-testid=roster-count]").TextContent);

        cut.Find("input[name=roster-search]").Input("G004");

        cut.WaitForAssertion(() => Assert.Equal(["孙干部", "周志愿"],
            cut.FindAll("[data-testid=roster-person]").Select(r => r.QuerySelector("td")!.TextContent)));
        Assert.Contains("符合 2 人", cut.Find("[data-testid=roster-count]").TextContent);

        cut.Find("input[name=roster-search]").Input("没有这个人");

        cut.WaitForAssertion(() => Assert.Contains("没有符合「没有这个人」的人员", cut.Find("[data-testid=roster]").TextContent));
    }
}
