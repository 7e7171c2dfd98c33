using System.Globalization;
using System.Text;

namespace CommandCenter.Core.Geo;

/// <summary>The outcome of checking a grid file: the grids read, every problem found (any problem
/// refuses the whole file), notes about what was accepted with a conversion, and a summary.</summary>
public sealed class GridFileReport
{
    public List<GridFeature> Features { get; } = [];
    public List<GridFileProblem> Problems { get; } = [];
    public List<string> Notes { get; } = [];

    public bool IsValid => Problems.Count == 0 && Features.Count > 0;
    public int Overlaps => Problems.Count(p => p.Kind == "overlap");
    public int Gaps => Problems.Count(p => p.Kind == "gap");
    public int CommunityCount => Features.Select(f => f.CommunityCode).Distinct().Count();
    public int RegionCount => Features.Select(f => f.RegionCode).Distinct().Count();
    public double TotalAreaM2 { get; set; }

    public void Problem(string kind, string where, string message, double? areaM2 = null) =>
        Problems.Add(new GridFileProblem(kind, where, message, areaM2));

    /// <summary>The report as plain text for the command line, problems first.</summary>
    public string ToText(string fileName)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        if (Problems.Count > 0)
        {
            sb.AppendLine(ci, $"{fileName}: REFUSED, {Problems.Count} problem(s); the grids in the database were not changed.");
            foreach (var p in Problems) sb.AppendLine(ci, $"  - {p}");
        }
        else
        {
            sb.AppendLine(ci, $"{fileName}: OK");
        }
        foreach (var n in Notes) sb.AppendLine(ci, $"  note: {n}");
        var kinds = Features.GroupBy(f => f.CommunityCode).Select(g => g.First().CommunityKind).ToList();
        sb.AppendLine(ci, $"  {Features.Count} grids, {CommunityCount} 村居 ({kinds.Count(k => k == "居民区")} 居民区 + " +
            $"{kinds.Count(k => k == "社区")} 社区), {RegionCount} 片区, total area {TotalAreaM2 / 1e6:0.000} km², " +
            $"{Overlaps} overlaps, {Gaps} gaps, population {Features.Sum(f => (long)f.Population):N0}");
        return sb.ToString();
    }
}
