using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;

namespace CommandCenter.ComponentTests.Admin;

public sealed class GridImportPageTests(PostgisDatabase db) : AdminTest(db)
{
    // One grid without its code, name or community: refused as a whole.
    private const string GridWithoutProperties = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
         "geometry":{"type":"Polygon","coordinates":[[[119.88,31.0],[119.884,31.0],[119.884,31.004],[119.88,31.004],[119.88,31.0]]]}}]}
        """;

    private async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = Db.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_refused_file_lists_its_problems_and_leaves_the_grids_as_they_were()
    {
        var cut = Ctx.Render<GridImportPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(GridWithoutProperties, "bad-grids.geojson"));

        cut.WaitForAssertion(() => Assert.Contains("bad-grids.geojson：已拒绝，现有网格未改变。", cut.Find("[data-testid=grid-result]").TextContent));
        Assert.Contains("mud-alert-outlined-error", cut.Find("[data-testid=grid-result]").ClassList);
        var problems = cut.FindAll("[data-testid=grid-problems] li");
        Assert.NotEmpty(problems);
        Assert.Contains($"问题（{problems.Count}）", cut.Markup);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM grids"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM audit_log WHERE target = 'bad-grids.geojson' AND NOT succeeded"));
    }

    [Fact]
    public void A_file_that_is_not_JSON_is_refused_with_a_reason()
    {
        var cut = Ctx.Render<GridImportPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not json", "grids.geojson"));

        cut.WaitForAssertion(() => Assert.Contains("已拒绝", cut.Find("[data-testid=grid-result]").TextContent));
        Assert.NotEmpty(cut.FindAll("[data-testid=grid-problems] li"));
    }
}
