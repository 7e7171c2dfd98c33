using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>What the simulator knows of the place: the grids with random points inside each polygon
/// (ST_GeneratePoints), their community names for addresses, the categories, and a fixed set of
/// hotspot grids (old estates) that report several times more than the rest.</summary>
public sealed class SimWorld
{
    public sealed record Grid(string Code, string Community, (double Lon, double Lat)[] Points, double Weight);
    public sealed record Category(string Code, string Name, int TimeLimitHours, bool IsDispute);

    public required IReadOnlyList<Grid> Grids { get; init; }
    public required IReadOnlyList<Category> Categories { get; init; }
    private double[] _cumulative = [];

    public static async Task<SimWorld?> LoadAsync(NpgsqlDataSource db, int seed, CancellationToken ct)
    {
        const string GridSql = """
            SELECT g.code, c.name, array_agg(ST_X(p.geom) ORDER BY p.path), array_agg(ST_Y(p.geom) ORDER BY p.path)
            FROM grids g JOIN communities c ON c.code = g.community_code
            CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(g.geom, 40, @seed)) p
            GROUP BY g.code, c.name ORDER BY g.code
            """;
        var random = new Random(seed);
        var grids = new List<Grid>();
        await using (var cmd = db.CreateCommand(GridSql))
        {
            cmd.Parameters.AddWithValue("seed", seed);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var xs = r.GetFieldValue<double[]>(2);
                var ys = r.GetFieldValue<double[]>(3);
                // About one grid in seven is an old estate: failing pipes, parking, disputes.
                var weight = random.NextDouble() < 0.15 ? 5.0 : 0.5 + random.NextDouble();
                grids.Add(new Grid(r.GetString(0), r.GetString(1), xs.Zip(ys).ToArray(), weight));
            }
        }
        if (grids.Count == 0) return null;
        var categories = new List<Category>();
        await using (var cmd = db.CreateCommand("SELECT code, name, time_limit_hours, is_dispute FROM categories WHERE active ORDER BY sort_order"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                categories.Add(new Category(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetBoolean(3)));
        return new SimWorld { Grids = grids, Categories = categories };
    }

    /// <summary>A grid drawn by weight (hotspots more often).</summary>
    public Grid PickGrid(Random random)
    {
        if (_cumulative.Length != Grids.Count)
        {
            var sum = 0.0;
            _cumulative = Grids.Select(g => sum += g.Weight).ToArray();
        }
        var x = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        return Grids[i < 0 ? ~i : i];
    }

    public Category CategoryByCode(string code) => Categories.First(c => c.Code == code);
}
