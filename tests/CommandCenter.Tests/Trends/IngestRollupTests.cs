using CommandCenter.Ingest.Simulator;
using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;
using CommandCenter.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Trends;

/// <summary>The ingest writer (COPY into staging, then upsert) knows nothing about trends; the rollups
/// follow it anyway.</summary>
public sealed class IngestRollupTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    [Fact]
    public async Task History_written_through_the_ingest_pipeline_leaves_rollups_equal_to_a_recount()
    {
        var world = await SimWorld.LoadAsync(db.DataSource, 7, default);
        Assert.NotNull(world);
        var backfill = new Backfill(db.Host.Services.GetRequiredService<IngestPipeline>(), world, TimeProvider.System, db.DataSource);

        var totals = await backfill.RunAsync(TimeSpan.FromDays(10), 60, 11, "sim-trends", _ => { }, default);

        Assert.True(totals.Cases > 300);
        Assert.Empty(await RollupRecount.DifferencesAsync(db.DataSource));
        Assert.True(await RollupRecount.NonEmptyRowsAsync(db.DataSource) > 100);
    }
}
