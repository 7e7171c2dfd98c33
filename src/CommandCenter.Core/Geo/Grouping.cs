namespace CommandCenter.Core.Geo;

/// <summary>Groups the nodes of an adjacency graph (grids, or 村居) into contiguous, balanced groups.</summary>
internal static class Grouping
{
    /// <summary>Farthest-point sampling: the node nearest the centre, then repeatedly the node farthest
    /// from every seed chosen so far.</summary>
    public static int[] SpreadSeeds(double[] x, double[] y, int count)
    {
        var seeds = new List<int> { Enumerable.Range(0, x.Length).MinBy(i => x[i] * x[i] + y[i] * y[i]) };
        while (seeds.Count < count)
            seeds.Add(Enumerable.Range(0, x.Length).Where(i => !seeds.Contains(i))
                .MaxBy(i => seeds.Min(s => Sq(x[i] - x[s]) + Sq(y[i] - y[s]))));
        return seeds.ToArray();
    }

    /// <summary>Region growing: the smallest group with an unclaimed neighbour claims the one nearest
    /// its seed, until every node is claimed. Each group is connected by construction.</summary>
    public static int[] Grow(IReadOnlyList<List<int>> adjacent, double[] x, double[] y, int[] seeds)
    {
        var owner = Enumerable.Repeat(-1, adjacent.Count).ToArray();
        var size = new int[seeds.Length];
        for (var g = 0; g < seeds.Length; g++) { owner[seeds[g]] = g; size[g] = 1; }
        var remaining = adjacent.Count - seeds.Length;
        while (remaining > 0)
        {
            var progressed = false;
            foreach (var g in Enumerable.Range(0, seeds.Length).OrderBy(g => size[g]).ThenBy(g => g))
            {
                var s = seeds[g];
                var frontier = Enumerable.Range(0, adjacent.Count).Where(i => owner[i] == g)
                    .SelectMany(i => adjacent[i]).Where(j => owner[j] < 0).Distinct().ToList();
                if (frontier.Count == 0) continue;
                var pick = frontier.OrderBy(j => Sq(x[j] - x[s]) + Sq(y[j] - y[s])).ThenBy(j => j).First();
                owner[pick] = g;
                size[g]++;
                remaining--;
                progressed = true;
                break;
            }
            if (!progressed) throw new InvalidOperationException("the adjacency graph is not connected");
        }
        return owner;
    }

    private static double Sq(double v) => v * v;
}
