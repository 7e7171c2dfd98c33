using System.Text.Json;
using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>The simulator's 专项任务: a 群租整治 campaign over every grid (counters 认定户数 / 约谈 / 整改, as in seed 002)
/// created on the first live run with a fortnight of history written in-process, then a grid's report every few
/// seconds through the ingest API's campaign-progress route, heading for the seed's 约谈率 ≈ 81% and 整改率 ≈ 44%.</summary>
public sealed class SimCampaign(NpgsqlDataSource db, TimeProvider clock, int seed, Action<string> log)
{
    public const string Title = "群租整治专项行动";
    private static readonly AuditActor Creator = new("模拟器（simulator）", Roles.Leader, "local");
    private readonly Random _random = new(seed ^ 0x5a17);
    private readonly CampaignStore _store = new(db, clock);
    private readonly CampaignProgress _progress = new(db, clock);
    private readonly Dictionary<string, int[]> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _found = new(StringComparer.Ordinal);   // each grid's 群租户 in all
    private long _id;

    /// <summary>Finds the running simulator campaign or creates it with its history; false when there are no grids.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var existing = (await _store.ListAsync(ct)).FirstOrDefault(s => s.Campaign.Title == Title && s.Campaign.CreatedBy == Creator.Name
            && s.Campaign.StatusAt(now) == CampaignStatus.Running);
        var fresh = existing is null;
        if (existing is null)
        {
            var today = Campaign.Today(now);
            var (id, error) = await _store.CreateAsync(new CampaignDraft(Title, "逐户排查认定群租户，约谈房东和租户，督促自行整改（模拟数据）。",
                today.AddDays(-14), today.AddDays(45), CampaignScope.All, [], [],
                [new("认定户数", null), new("约谈", null), new("整改", null)]), Creator, ct);
            if (id is null) { log($"campaign not created: {error}"); return false; }
            _id = id.Value;
        }
        else _id = existing.Campaign.Id;
        var grids = await _store.GridsAsync(_id, 3, ct);
        foreach (var g in grids)
        {
            _totals[g.GridCode] = [.. g.Totals];
            // About 878 households over 133 grids (seed 002), more in some grids than others.
            _found[g.GridCode] = Math.Max(g.Totals[0], (int)Math.Round(6.6 * (0.3 + _random.NextDouble() * 1.4)));
        }
        if (fresh)
        {
            // A fortnight in: most grids have reported a few times.
            var n = 0;
            foreach (var g in grids.Where(_ => _random.NextDouble() < 0.8))
                for (var k = 0; k < 3; k++)
                    if (Step(g.GridCode, 0.75) is { } counts && await ReportAsync(g.GridCode, counts, $"sim-history-{_id}-{g.GridCode}-{k}", ct)) n++;
            log($"campaign #{_id} {Title}: {grids.Count} grids, {n} reports of history");
        }
        return true;
    }

    /// <summary>The next live report as an ingest record (NDJSON line), or null when the drawn grid has nothing new.</summary>
    public string? NextRecord()
    {
        if (_totals.Count == 0) return null;
        var grid = _totals.Keys.ElementAt(_random.Next(_totals.Count));
        if (Step(grid, 0.35) is not { } counts) return null;
        var now = clock.GetUtcNow();
        var worker = Math.Abs(grid.GetHashCode(StringComparison.Ordinal)) % 25 + 1;
        // The totals are taken as sent: a record that the API refuses is a simulator bug, visible in the rejects.
        for (var i = 0; i < 3; i++) _totals[grid][i] += counts.GetValueOrDefault(Labels[i]);
        return JsonSerializer.Serialize(new
        {
            externalId = $"sim-{_id}-{grid}-{now.ToUnixTimeMilliseconds()}",
            campaignId = _id,
            gridCode = grid,
            workerId = $"gw-{worker:D2}",
            workerName = $"网格员{worker:D2}",
            at = now.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
            counts,
        });
    }

    private static readonly string[] Labels = ["认定户数", "约谈", "整改"];

    // The next change for a grid: a household or two found, talked to, or rectified, each never ahead of the one before
    // (约谈 ≤ 认定 · 0.81-ish, 整改 ≤ 约谈). Null when nothing changes this time.
    private Dictionary<string, int>? Step(string grid, double pace)
    {
        var t = _totals[grid];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var found = t[0] < _found[grid] && _random.NextDouble() < pace ? Math.Min(_found[grid] - t[0], 1 + _random.Next(3)) : 0;
        var talkCap = (int)Math.Floor((t[0] + found) * 0.85);
        var talked = t[1] < talkCap && _random.NextDouble() < pace ? Math.Min(talkCap - t[1], 1 + _random.Next(2)) : 0;
        var fixCap = Math.Min(t[1] + talked, (int)Math.Floor((t[0] + found) * 0.47));
        var fixedNow = t[2] < fixCap && _random.NextDouble() < pace * 0.8 ? Math.Min(fixCap - t[2], 1) : 0;
        if (found > 0) counts[Labels[0]] = found;
        if (talked > 0) counts[Labels[1]] = talked;
        if (fixedNow > 0) counts[Labels[2]] = fixedNow;
        return counts.Count == 0 ? null : counts;
    }

    private async Task<bool> ReportAsync(string grid, Dictionary<string, int> counts, string externalId, CancellationToken ct)
    {
        var worker = Math.Abs(grid.GetHashCode(StringComparison.Ordinal)) % 25 + 1;
        var o = await _progress.ReportAsync(new CampaignReportDraft(_id, grid, counts, clock.GetUtcNow(), $"网格员{worker:D2}（gw-{worker:D2}）",
            SimulateCommand.Source, externalId, null), ct);
        if (o.Totals is { } after) _totals[grid] = [.. after];
        return o.Status == CampaignReportStatus.Accepted;
    }
}
