using CommandCenter.Shared;

namespace CommandCenter.ComponentTests.Shared;

public sealed class KpiTileTests : BunitContext
{
    [Fact]
    public void A_tile_shows_its_label_value_unit_and_time()
    {
        var cut = Render<KpiTile>(p => p.Add(t => t.Label, "今日受理").Add(t => t.Value, "12").Add(t => t.Unit, "件")
            .Add(t => t.Detail, "较昨日 +3").Add(t => t.AsOf, "10:00"));

        Assert.Equal("今日受理", cut.Find("[data-test=tile]").GetAttribute("data-name"));
        Assert.Equal("12件", cut.Find("[data-test=tile-value]").TextContent);
        Assert.Equal("件", cut.Find(".kpi-unit").TextContent);
        Assert.Equal("较昨日 +3", cut.Find(".kpi-detail").TextContent);
        Assert.Equal("截至 10:00", cut.Find("[data-test=tile-asof]").TextContent);
    }

    [Fact]
    public void A_short_value_keeps_the_big_number()
    {
        var cut = Render<KpiTile>(p => p.Add(t => t.Label, "超期件").Add(t => t.Value, "98").Add(t => t.Unit, "%"));

        Assert.DoesNotContain("kpi-value-long", cut.Find("[data-test=tile-value]").ClassList);
    }

    [Fact]
    public void A_value_longer_than_five_characters_with_its_unit_gets_the_long_class()
    {
        var cut = Render<KpiTile>(p => p.Add(t => t.Label, "受理量").Add(t => t.Value, "12345").Add(t => t.Unit, "件"));

        Assert.Contains("kpi-value-long", cut.Find("[data-test=tile-value]").ClassList);
    }

    [Fact]
    public void A_tile_without_a_unit_renders_no_unit_element()
    {
        var cut = Render<KpiTile>(p => p.Add(t => t.Label, "在岗网格员").Add(t => t.Value, "87"));

        Assert.Empty(cut.FindAll(".kpi-unit"));
        Assert.Equal("87", cut.Find("[data-test=tile-value]").TextContent);
    }

    [Theory]
    [InlineData("alert")]
    [InlineData("good")]
    public void The_tone_colours_the_tile(string tone)
    {
        var cut = Render<KpiTile>(p => p.Add(t => t.Label, "超期件").Add(t => t.Value, "3").Add(t => t.Tone, tone));

        Assert.Contains($"tone-{tone}", cut.Find("[data-test=tile]").ClassList);
    }

    [Fact]
    public void A_tile_without_a_tone_is_normal()
    {
        var cut = Render<KpiTile>(p => p.Add(t => t.Label, "超期件").Add(t => t.Value, "3"));

        Assert.Contains("tone-normal", cut.Find("[data-test=tile]").ClassList);
    }
}
