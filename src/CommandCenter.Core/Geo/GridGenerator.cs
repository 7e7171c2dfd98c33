using NetTopologySuite.Geometries;

namespace CommandCenter.Core.Geo;

/// <summary>Generates the plausible grids of 雉城街道 (the real boundaries are not public): 133 grids
/// tiling 18.6 km² around the county seat of 长兴县, grouped into 25 contiguous 村居 (7 居民区 on the
/// edge of town + 18 社区) and 4 contiguous 片区, with households, population (130,000 in all) and a
/// 1+1+N team per grid. Deterministic: the same seed gives the same bytes.</summary>
public static class GridGenerator
{
    public const ulong DefaultSeed = 330522;   // 长兴县's administrative code
    public const int GridCount = 133;
    public const int CommunityCount = 25;
    public const int NeighbourhoodCount = 7;
    public const double AreaM2 = 18.6e6;
    public const int TotalPopulation = 130_000;
    public const double CentreLon = 119.91, CentreLat = 31.02;

    private static readonly (string Code, string Name)[] Regions = [("ZC-E", "东片"), ("ZC-W", "西片"), ("ZC-S", "南片"), ("ZC-N", "北片")];

    public static byte[] Generate(ulong seed = DefaultSeed)
    {
        var rng = new SeededRandom(seed);
        var metric = LocalMetric.At(CentreLon, CentreLat);
        var cells = GridTiling.Build(rng, metric, GridCount, AreaM2);
        if (cells.Count != GridCount)
            throw new InvalidOperationException($"seed {seed} tiled {cells.Count} cells instead of {GridCount}; try another seed");
        var x = cells.Select(c => metric.X(c.Centroid.X)).ToArray();
        var y = cells.Select(c => metric.Y(c.Centroid.Y)).ToArray();
        var adjacent = Adjacency(cells);

        // 村居: grown from 25 well-spread seed grids over the adjacency graph, so each is contiguous.
        var communityOf = Grouping.Grow(adjacent, x, y, Grouping.SpreadSeeds(x, y, CommunityCount));
        var cx = Enumerable.Range(0, CommunityCount).Select(c => Mean(x, communityOf, c)).ToArray();
        var cy = Enumerable.Range(0, CommunityCount).Select(c => Mean(y, communityOf, c)).ToArray();
        var communityAdjacent = Enumerable.Range(0, CommunityCount).Select(c =>
            Enumerable.Range(0, GridCount).Where(i => communityOf[i] == c)
                .SelectMany(i => adjacent[i]).Select(j => communityOf[j]).Where(o => o != c).Distinct().Order().ToList()).ToArray();

        // 片区: grown from the easternmost, westernmost, southernmost and northernmost 村居.
        var regionSeeds = new List<int>();
        foreach (var key in new Func<int, double>[] { c => cx[c], c => -cx[c], c => -cy[c], c => cy[c] })
            regionSeeds.Add(Enumerable.Range(0, CommunityCount).Where(c => !regionSeeds.Contains(c)).MaxBy(key));
        var regionOf = Grouping.Grow(communityAdjacent, cx, cy, regionSeeds.ToArray());

        // Codes in reading order within each 片区; the 7 outermost 村居 are the former villages.
        var order = Enumerable.Range(0, CommunityCount).OrderBy(c => regionOf[c]).ThenBy(c => -cy[c]).ThenBy(c => cx[c]).ToArray();
        var outer = Enumerable.Range(0, CommunityCount).OrderByDescending(c => cx[c] * cx[c] + cy[c] * cy[c]).Take(NeighbourhoodCount).ToHashSet();
        var inner = Enumerable.Range(0, CommunityCount).Where(c => !outer.Contains(c)).OrderBy(c => cx[c] * cx[c] + cy[c] * cy[c]).ToList();
        var names = new string[CommunityCount];
        for (var k = 0; k < inner.Count; k++) names[inner[k]] = GeneratorNames.Communities[k] + "社区";
        var outerInCodeOrder = order.Where(outer.Contains).ToList();
        for (var k = 0; k < outerInCodeOrder.Count; k++) names[outerInCodeOrder[k]] = GeneratorNames.Neighbourhoods[k] + "居民区";

        var radius = Math.Sqrt(x.Zip(y, (a, b) => a * a + b * b).Max());
        var weights = Enumerable.Range(0, GridCount)
            .Select(i => rng.Range(0.65, 1.35) * (1.3 - 0.6 * Math.Sqrt(x[i] * x[i] + y[i] * y[i]) / radius)).ToArray();
        var population = Apportion(weights, TotalPopulation);

        var grids = new List<GeneratedGrid>();
        for (var n = 0; n < order.Length; n++)
        {
            var c = order[n];
            var communityCode = $"ZC-{n + 1:00}";
            var isOuter = outer.Contains(c);
            var stem = names[c][..^(isOuter ? 3 : 2)];
            var pool = isOuter ? GeneratorNames.NeighbourhoodEstates : GeneratorNames.CommunityEstates;
            var first = rng.Next(pool.Length);
            var members = Enumerable.Range(0, GridCount).Where(i => communityOf[i] == c).OrderBy(i => -y[i]).ThenBy(i => x[i]).ToList();
            for (var k = 0; k < members.Count; k++)
            {
                var i = members[k];
                var estate = stem + pool[(first + k / 3) % pool.Length];
                var team = new GridTeam(GeneratorNames.Person(rng), GeneratorNames.Person(rng),
                    Enumerable.Range(0, 3 + rng.Next(6)).Select(_ => GeneratorNames.Person(rng)).ToArray());
                var region = Regions[regionOf[c]];
                grids.Add(new GeneratedGrid($"{communityCode}-{k + 1:00}", $"{estate}第{k % 3 + 1}网格",
                    communityCode, names[c], isOuter ? "居民区" : "社区", region.Code, region.Name,
                    (int)Math.Round(population[i] / rng.Range(2.45, 2.85)), population[i], team, cells[i]));
            }
        }
        return GridGeoJsonWriter.Write(grids, seed);
    }

    private static List<int>[] Adjacency(List<Geometry> cells)
    {
        var adj = cells.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < cells.Count; i++)
            for (var j = i + 1; j < cells.Count; j++)
                if (cells[i].EnvelopeInternal.Intersects(cells[j].EnvelopeInternal) && cells[i].Relate(cells[j], "F***1****"))
                {
                    adj[i].Add(j);
                    adj[j].Add(i);
                }
        return adj;
    }

    private static double Mean(double[] v, int[] owner, int group) =>
        Enumerable.Range(0, v.Length).Where(i => owner[i] == group).Average(i => v[i]);

    /// <summary>Integers proportional to <paramref name="weights"/> summing exactly to <paramref name="total"/>
    /// (largest remainder).</summary>
    private static int[] Apportion(double[] weights, int total)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => w / sum * total).ToArray();
        var result = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - result[i]).ThenBy(i => i).Take(total - result.Sum()))
            result[i]++;
        return result;
    }
}
