using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Cases;
using CommandCenter.Features.Cases;
using MudBlazor;

namespace CommandCenter.ComponentTests.Cases;

public sealed class LookupPickerTests : MudTest
{
    private static readonly CaseLookups.Item[] Communities =
        [new("C01", "城东社区", "P1"), new("C02", "城西社区", "P2"), new("V07", "北山村", "P3")];

    private readonly IRenderedComponent<MudPopoverProvider> _popovers;
    private string? _picked = "unset";

    public LookupPickerTests() => _popovers = Ctx.Render<MudPopoverProvider>();

    private IRenderedComponent<LookupPicker> Show(string? code = null) => Ctx.Render<LookupPicker>(p => p
        .AddUnmatched("data-testid", "picker").Add(c => c.Items, Communities).Add(c => c.Code, code).Add(c => c.Label, "村居")
        .Add(c => c.CodeChanged, (string? v) => _picked = v));

    [Fact]
    public void A_bound_code_shows_the_name_of_its_item()
    {
        var cut = Show("C02");

        Assert.Equal("城西社区", cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void Typing_part_of_a_name_lists_only_the_matching_items()
    {
        var cut = Show();

        cut.Find("input").Input("社区");

        _popovers.WaitForAssertion(() =>
        {
            Assert.Contains("城东社区", _popovers.Markup);
            Assert.Contains("城西社区", _popovers.Markup);
            Assert.DoesNotContain("北山村", _popovers.Markup);
        });
    }

    [Fact]
    public void Typing_a_code_finds_its_item()
    {
        var cut = Show();

        cut.Find("input").Input("v07");

        _popovers.WaitForAssertion(() =>
        {
            Assert.Contains("北山村", _popovers.Markup);
            Assert.DoesNotContain("城东社区", _popovers.Markup);
        });
    }

    [Fact]
    public void Text_that_matches_nothing_says_so_in_Chinese()
    {
        var cut = Show();

        cut.Find("input").Input("不存在");

        _popovers.WaitForAssertion(() => Assert.Contains("没有匹配项", _popovers.Markup));
    }

    [Fact]
    public void Picking_an_item_reports_its_code()
    {
        var cut = Show();
        cut.Find("input").Input("北山");
        _popovers.WaitForAssertion(() => Assert.Contains("北山村", _popovers.Markup));

        _popovers.FindAll(".mud-list-item").Single(e => e.TextContent.Contains("北山村")).Click();

        cut.WaitForAssertion(() => Assert.Equal("V07", _picked));
    }
}
