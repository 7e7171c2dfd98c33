using CommandCenter.Core.Geo;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Tests.Geo.GridFiles;

namespace CommandCenter.Tests.Geo;

public sealed class GridAssignerLoaderTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task A_host_with_grid_assignment_loads_the_grids_and_reloads_after_an_import_by_another_process()
    {
        var importer = new GridImporter(db.DataSource);
        await importer.ImportAsync(TwoNeighbours("FIRST"), "first.geojson", CancellationToken.None);
        await using var ingest = await IngestHost.StartAsync(db.ConnectionString, configure: b => b.AddGridAssignment());
        var assigner = ingest.Services.GetRequiredService<IGridAssigner>();

        Assert.Equal("FIRST-02", assigner.Assign(119.915, 31.005).GridCode);

        var second = await importer.ImportAsync(TwoNeighbours("SECOND"), "second.geojson", CancellationToken.None);
        // The loader hears the import's change-log NOTIFY; wait for that condition, not for a fixed time.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var concrete = ingest.Services.GetRequiredService<GridAssigner>();
        while (concrete.Version != second.ImportId)
            await Task.Delay(20, timeout.Token);

        Assert.Equal("SECOND-02", assigner.Assign(119.915, 31.005).GridCode);
    }
}
