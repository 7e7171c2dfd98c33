using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Geo;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static CommandCenter.Tests.Geo.GridFiles;

namespace CommandCenter.Tests.Geo;

public sealed class GridImportTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private GridImporter Importer => new(db.DataSource);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> GridCodesAsync()
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT code FROM grids ORDER BY code");
        await using var r = await cmd.ExecuteReaderAsync();
        var codes = new List<string>();
        while (await r.ReadAsync()) codes.Add(r.GetString(0));
        return codes;
    }

    [Fact]
    public async Task The_committed_file_imports_with_union_outlines_and_importing_it_again_changes_nothing()
    {
        var file = await File.ReadAllBytesAsync(CommittedPath);
        var first = await Importer.ImportAsync(file, "grids.geojson", CancellationToken.None);
        Assert.NotEqual(GridImportOutcome.Refused, first.Outcome);
        var imports = await ScalarAsync<long>("SELECT count(*) FROM grid_imports");
        var changes = await ScalarAsync<long>("SELECT count(*) FROM change_log");

        Assert.Equal(133, await ScalarAsync<long>("SELECT count(*) FROM grids"));
        Assert.Equal(25, await ScalarAsync<long>("SELECT count(*) FROM communities WHERE geom IS NOT NULL"));
        Assert.Equal(4, await ScalarAsync<long>("SELECT count(*) FROM regions WHERE geom IS NOT NULL"));
        Assert.InRange(await ScalarAsync<double>("SELECT sum(area_m2) FROM grids"), 18.0e6, 19.5e6);
        // Outlines come from the union: same area as their grids, and one piece each.
        Assert.Equal(0, await ScalarAsync<long>("""
            SELECT count(*) FROM communities c
            WHERE abs(ST_Area(c.geom::geography) - (SELECT sum(area_m2) FROM grids g WHERE g.community_code = c.code)) > 1
               OR ST_NumGeometries(c.geom) <> 1
            """));
        Assert.Equal(1, await ScalarAsync<long>("SELECT ST_NumGeometries(ST_Union(geom)) FROM regions"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM grids WHERE NOT ST_IsValid(geom)"));
        Assert.Equal(130_000, await ScalarAsync<long>("SELECT sum(population) FROM grids"));
        Assert.Equal("grids", await ScalarAsync<string>("SELECT kind FROM change_log ORDER BY position DESC LIMIT 1"));

        var again = await Importer.ImportAsync(file, "grids.geojson", CancellationToken.None);

        Assert.Equal(GridImportOutcome.Unchanged, again.Outcome);
        Assert.Equal(imports, await ScalarAsync<long>("SELECT count(*) FROM grid_imports"));
        Assert.Equal(changes, await ScalarAsync<long>("SELECT count(*) FROM change_log"));
    }

    [Fact]
    public async Task A_refused_file_leaves_the_previous_grids_and_writes_nothing()
    {
        var good = await Importer.ImportAsync(TwoNeighbours("KEEP"), "good.geojson", CancellationToken.None);
        Assert.Equal(GridImportOutcome.Imported, good.Outcome);
        var imports = await ScalarAsync<long>("SELECT count(*) FROM grid_imports");
        var changes = await ScalarAsync<long>("SELECT count(*) FROM change_log");

        var overlapping = Collection(Feature("BAD-1", Square(119.90, 31.00)), Feature("BAD-2", Square(119.905, 31.00)));
        var bad = await Importer.ImportAsync(overlapping, "bad.geojson", CancellationToken.None);

        Assert.Equal(GridImportOutcome.Refused, bad.Outcome);
        Assert.Contains("REFUSED", bad.Report.ToText("bad.geojson"));
        Assert.Equal(["KEEP-01", "KEEP-02"], await GridCodesAsync());
        Assert.Equal(imports, await ScalarAsync<long>("SELECT count(*) FROM grid_imports"));
        Assert.Equal(changes, await ScalarAsync<long>("SELECT count(*) FROM change_log"));
    }

    [Fact]
    public async Task A_new_file_replaces_grids_and_drops_communities_it_no_longer_has()
    {
        await Importer.ImportAsync(TwoNeighbours("OLD"), "old.geojson", CancellationToken.None);
        var replacement = Collection(Feature("NEW-01", Square(119.90, 31.00), community: "龙山社区", region: "北片"));

        var result = await Importer.ImportAsync(replacement, "new.geojson", CancellationToken.None);

        Assert.Equal(GridImportOutcome.Imported, result.Outcome);
        Assert.Equal(["NEW-01"], await GridCodesAsync());
        Assert.Equal("龙山社区", await ScalarAsync<string>("SELECT string_agg(name, ',') FROM communities"));
        Assert.Equal("北片", await ScalarAsync<string>("SELECT string_agg(name, ',') FROM regions"));
        Assert.Equal(result.ImportId, await ScalarAsync<long>("SELECT max(id) FROM grid_imports"));
        Assert.Contains($"\"import_id\": {result.ImportId}", await ScalarAsync<string>(
            "SELECT payload::text FROM change_log WHERE kind = 'grids' ORDER BY position DESC LIMIT 1"));
    }

    [Fact]
    public async Task The_loaded_assigner_agrees_with_postgis_on_random_points()
    {
        await Importer.ImportAsync(await File.ReadAllBytesAsync(CommittedPath), "grids.geojson", CancellationToken.None);
        var assigner = new GridAssigner([]);
        // The feed is never started here: this test calls the reload itself.
        var feed = new ChangeFeedListener(db.DataSource, Options.Create(new ChangeFeedOptions()), TimeProvider.System, NullLogger<ChangeFeedListener>.Instance);
        var loader = new GridAssignerLoader(assigner, db.DataSource, feed, TimeProvider.System, NullLogger<GridAssignerLoader>.Instance);
        Assert.True(await loader.ReloadIfChangedAsync(CancellationToken.None));
        Assert.Equal(133, assigner.GridCount);

        var rng = new Random(1);
        var lons = Enumerable.Range(0, 2000).Select(_ => 119.87 + rng.NextDouble() * 0.08).ToArray();
        var lats = Enumerable.Range(0, 2000).Select(_ => 30.98 + rng.NextDouble() * 0.08).ToArray();
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT (SELECT code FROM grids WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint(x, y), 4326)))
            FROM unnest(@x::float8[], @y::float8[]) WITH ORDINALITY AS p(x, y, n) ORDER BY n
            """);
        cmd.Parameters.AddWithValue("x", lons);
        cmd.Parameters.AddWithValue("y", lats);
        await using var r = await cmd.ExecuteReaderAsync();
        var i = 0;
        var inside = 0;
        while (await r.ReadAsync())
        {
            var expected = r.IsDBNull(0) ? null : r.GetString(0);
            var got = assigner.Assign(lons[i], lats[i]);
            Assert.Equal(expected, got.GridCode);
            Assert.Equal(expected is null ? LocationFlag.Outside : LocationFlag.Inside, got.Flag);
            if (expected is not null) inside++;
            i++;
        }
        Assert.InRange(inside, 200, 1900);   // the sample really covers both cases
    }
}
