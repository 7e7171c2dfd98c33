using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Admin;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Admin;

public sealed class CategoriesTests(PostgisDatabase db) : AdminTest(db)
{
    private async Task<CategoryRow> StoredAsync(string code) =>
        (await Ctx.Services.GetRequiredService<CategoryAdminStore>().ListAsync(CancellationToken.None)).Single(c => c.Code == code);

    private async Task<(IRenderedComponent<Categories> Cut, CategoryRow Row)> EditAsync(int index)
    {
        var row = (await Ctx.Services.GetRequiredService<CategoryAdminStore>().ListAsync(CancellationToken.None))[index];
        var cut = Ctx.Render<Categories>();
        cut.WaitForRow(row.Name).Button("编辑").Click();
        // The grid re-renders the row as inputs asynchronously: wait for them (a bare Find failed once in a CI run).
        cut.WaitForElement("input[name=category-name]");
        return (cut, row);
    }

    [Fact]
    public async Task Editing_and_saving_a_category_stores_its_name_and_time_limit()
    {
        var (cut, row) = await EditAsync(0);

        cut.Find("input[name=category-name]").Change("排水设施");
        cut.Find("input[name=category-hours]").Change("48");
        cut.Find("[data-testid=save-category]").Click();

        cut.WaitForAssertion(() => Assert.Equal("已保存：排水设施，时限 48 小时。", cut.Find("[data-testid=admin-message]").TextContent.Trim()));
        var stored = await StoredAsync(row.Code);
        Assert.Equal(("排水设施", 48), (stored.Name, stored.TimeLimitHours));
        Assert.Empty(cut.FindAll("input[name=category-name]"));
        Assert.Contains("48", cut.Row("排水设施").TextContent);
    }

    [Fact]
    public async Task Cancelling_an_edit_restores_the_row_and_stores_nothing()
    {
        var (cut, row) = await EditAsync(1);

        cut.Find("input[name=category-name]").Change("改了又取消");
        cut.Find("tbody").Button("取消").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("input[name=category-name]"));
            Assert.DoesNotContain("改了又取消", cut.Markup);
            Assert.Contains(row.TimeLimitHours.ToString(), cut.Row(row.Name).TextContent);
        });
        Assert.Equal(row.Name, (await StoredAsync(row.Code)).Name);
    }

    [Fact]
    public async Task While_one_row_is_edited_the_other_edit_buttons_are_disabled()
    {
        var (cut, _) = await EditAsync(2);

        // The grid's cells are components of their own and re-render in a later batch than the page.
        cut.WaitForAssertion(() =>
        {
            var others = cut.FindAll("[data-testid=edit-category]");
            Assert.NotEmpty(others);
            Assert.All(others, b => Assert.True(b.HasAttribute("disabled")));
        });
    }
}
