using System.Collections.Immutable;
using CommandCenter.Core.Kpis;
using CommandCenter.Features.Screen;
using CommandCenter.Live;

namespace CommandCenter.ComponentTests.Screen;

/// <summary>The wall's tiles and ticker rows are markup shared between circuits (WallFigures, WallTicker): they
/// must read exactly as the components they replaced, and a resident's text must stay text.</summary>
public sealed class WallMarkupTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private static LiveSnapshot Snapshot(KpiSnapshot kpis) => LiveSnapshot.Empty(Now) with { Kpis = kpis, DataAsOf = Now };

    [Fact]
    public void A_wall_tile_shows_its_label_value_unit_detail_and_time_like_the_kpi_tile()
    {
        var figures = WallFigures.For(Snapshot(new KpiSnapshot { From = Now, To = Now, AsOf = Now, Accepted = 1234, Open = 56 }));

        var cut = Render<WallKpis>(p => p.Add(k => k.Tiles, figures.Today));

        var tile = cut.Find("[data-test=tile][data-name=今日受理]");
        Assert.Equal("1,234件", tile.QuerySelector("[data-test=tile-value]")!.TextContent);
        Assert.Equal("件", tile.QuerySelector(".kpi-unit")!.TextContent);
        Assert.Equal("在办 56 件", tile.QuerySelector(".kpi-detail")!.TextContent);
        Assert.Equal("截至 10:00:00", tile.QuerySelector("[data-test=tile-asof]")!.TextContent);
        Assert.Equal(10, cut.FindAll("[data-test=tile]").Count);
    }

    [Fact]
    public void A_rate_without_a_denominator_shows_a_dash_without_a_unit()
    {
        var figures = WallFigures.For(Snapshot(new KpiSnapshot { From = Now, To = Now, AsOf = Now }));

        var cut = Render<WallKpis>(p => p.Add(k => k.Tiles, figures.Today));

        var value = cut.Find("[data-test=tile][data-name=结案率] [data-test=tile-value]");
        Assert.Equal("—", value.TextContent);
        Assert.Empty(value.QuerySelectorAll(".kpi-unit"));
    }

    [Fact]
    public void A_ticker_row_shows_markup_characters_in_a_title_as_text()
    {
        var c = new RecentCase(7, Now, "噪音<扰民>", "<script>alert(1)</script> & 楼道", "ZC-01-01", "一网格", "张*", "138****5678", 1, "受理", null, null);

        var cut = Render<WallTicker>(p => p.Add(t => t.Recent, ImmutableArray.Create(c)));

        var row = cut.Find("[data-test=ticker-row][data-case=\"7\"]");
        Assert.Equal("<script>alert(1)</script> & 楼道", row.QuerySelector(".t-title")!.TextContent);
        Assert.Empty(row.QuerySelectorAll("script"));
        Assert.Equal("噪音<扰民>", row.QuerySelector(".t-cat")!.TextContent);
        Assert.Equal("10:00", row.QuerySelector(".t-time")!.TextContent);
        Assert.Equal("紧急", row.QuerySelector(".badge-urgent")!.TextContent);
        Assert.Equal("受理 · 报告人 张*138****5678", row.QuerySelector(".t-meta")!.TextContent);
    }
}
