using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Shared.Ui;

namespace CommandCenter.ComponentTests.Shared;

public sealed class ChineseMudLocalizerTests : MudTest
{
    [Fact]
    public void The_data_grid_pager_counts_rows_in_Chinese_with_the_numbers()
    {
        var cut = Ctx.Render<PagedGrid>(p => p.Add(g => g.Count, 25));

        Assert.Contains("第 1–10 条，共 25 条", cut.Find(".mud-table-pagination-caption").ParentElement!.TextContent);
        Assert.Contains("每页行数：", cut.Markup);
    }

    [Fact]
    public void The_pager_buttons_are_labelled_in_Chinese()
    {
        var cut = Ctx.Render<PagedGrid>(p => p.Add(g => g.Count, 25));

        var labels = cut.FindAll(".mud-table-pagination-actions button").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Equal(["首页", "上一页", "下一页", "末页"], labels);
    }

    [Theory]
    [InlineData("MudDataGridPager_InfoFormat")]
    [InlineData("MudDataGridPager_RowsPerPage")]
    [InlineData("MudDataGrid_Loading")]
    [InlineData("MudDataGrid_Sort")]
    [InlineData("MudInput_Clear")]
    [InlineData("MudBaseDatePicker_Open")]
    [InlineData("MudTimePicker_Open")]
    [InlineData("MudAlert_Close")]
    [InlineData("MudDialog_Close")]
    public void Every_key_the_pages_render_has_a_Chinese_text(string key)
    {
        var text = new ChineseMudLocalizer()[key];

        Assert.False(text.ResourceNotFound, key);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text.Value);
    }
}
