using System.Text.Encodings.Web;
using System.Text.Json;
using Bogus;
using CommandCenter.Core.Time;

namespace CommandCenter.Ingest.Simulator;

/// <summary>The 25 full-time grid workers (专职网格员), each responsible for a run of neighbouring
/// grids. On a working day a worker starts around 08:30, checks in every 15–40 minutes while moving
/// through their grids (a quarter of the stops are household visits, 走访), breaks for lunch and ends
/// around 17:30; at weekends about four in ten are on duty. A day's plan depends only on the worker
/// and the date, so a restarted simulator re-sends the same events (duplicates, harmless).
/// Given an <c>anchor</c> (the simulator's start), a few grids are left out of every walk — for 4, 6 and 9 days before
/// it and from then on, and one never — so /trends has 未巡查网格 to show (抄底式排查 is not always 抄底).</summary>
public sealed class PatrolSchedule
{
    /// <summary>One 专职网格员: the worker id the grid app sends, a name, and the run of grids they sweep.</summary>
    public sealed record Worker(string Id, string Name, SimWorld.Grid[] Grids);

    // (index in code order, days before the anchor; null = never patrolled).
    private static readonly (int Index, int? Days)[] Neglect = [(7, 4), (41, 6), (88, 9), (120, null)];

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<Worker> _workers = [];
    private readonly int _seed;

    private readonly Dictionary<string, DateOnly?> _neglected = new(StringComparer.Ordinal);

    public PatrolSchedule(SimWorld world, int seed, int workers = 25, DateTimeOffset? anchor = null)
    {
        _seed = seed;
        var faker = new Faker("zh_CN") { Random = new Randomizer(seed) };
        var grids = world.Grids.OrderBy(g => g.Code, StringComparer.Ordinal).ToArray();
        var count = Math.Min(workers, grids.Length);
        for (var i = 0; i < count; i++)
        {
            var mine = grids.Where((_, j) => j * count / grids.Length == i).ToArray();
            _workers.Add(new Worker($"gw-{i + 1:D2}", faker.Name.LastName() + faker.Name.FirstName(), mine));
        }
        if (anchor is { } a)
        {
            var day = DateOnly.FromDateTime(Shanghai.ToLocal(a).Date);
            foreach (var (index, days) in Neglect.Where(n => n.Index < grids.Length))
                _neglected[grids[index].Code] = days is { } d ? day.AddDays(-d) : null;
        }
    }

    public IReadOnlyList<Worker> Workers => _workers;

    /// <summary>Grid code → the worker who sweeps it (cases a worker finds on patrol name them).</summary>
    public IReadOnlyDictionary<string, string> WorkerOfGrid() =>
        _workers.SelectMany(w => w.Grids.Select(g => (g.Code, w.Id))).ToDictionary(x => x.Code, x => x.Id, StringComparer.Ordinal);

    // Left out on this day: never patrolled, or from its day on.
    private bool Skipped(SimWorld.Grid grid, DateOnly day) =>
        _neglected.TryGetValue(grid.Code, out var since) && (since is null || day >= since);

    /// <summary>Patrol events (JSON records) with from ≤ at &lt; to, in time order.</summary>
    public IEnumerable<(DateTimeOffset At, string Json)> Between(DateTimeOffset from, DateTimeOffset to)
    {
        var day = DateOnly.FromDateTime(Shanghai.ToLocal(from).Date);
        var last = DateOnly.FromDateTime(Shanghai.ToLocal(to).Date);
        for (; day <= last; day = day.AddDays(1))
            foreach (var e in _workers.SelectMany(w => Day(w, day)).Where(e => e.At >= from && e.At < to).OrderBy(e => e.At))
                yield return e;
    }

    private IEnumerable<(DateTimeOffset At, string Json)> Day(Worker all, DateOnly day)
    {
        var w = all.Grids.Any(g => Skipped(g, day)) ? all with { Grids = [.. all.Grids.Where(g => !Skipped(g, day))] } : all;
        if (w.Grids.Length == 0) yield break;
        var random = new Random(HashCode.Combine(_seed, w.Id, day.DayNumber));
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (weekend && random.NextDouble() > 0.4) yield break;
        var midnight = Shanghai.StartOfDay(day);
        var t = midnight.AddMinutes(8 * 60 + 10 + random.Next(40));
        var end = midnight.AddMinutes(17 * 60 + random.Next(60));
        var seq = 0;
        var g = random.Next(w.Grids.Length);
        yield return Event(w, day, ++seq, "start", t, w.Grids[g], random, null);
        while (true)
        {
            t = t.AddMinutes(15 + random.Next(26));
            var local = t - midnight;
            if (local > TimeSpan.FromHours(11.75) && local < TimeSpan.FromHours(13.5))
                t = midnight.AddMinutes(13 * 60 + 30 + random.Next(20));
            if (t >= end) break;
            if (random.NextDouble() < 0.35) g = (g + 1) % w.Grids.Length;   // moves on to the next grid
            var visit = random.NextDouble() < 0.25;
            yield return Event(w, day, ++seq, visit ? "visit" : "check-in", t, w.Grids[g], random,
                visit ? $"走访{random.Next(1, 40)}幢住户，{(random.NextDouble() < 0.8 ? "无异常" : "收集诉求1条")}" : null);
        }
        yield return Event(w, day, ++seq, "end", end, w.Grids[g], random, null);
    }

    private static (DateTimeOffset, string) Event(Worker w, DateOnly day, int seq, string kind, DateTimeOffset at,
        SimWorld.Grid grid, Random random, string? note)
    {
        var p = grid.Points[random.Next(grid.Points.Length)];
        var record = new Dictionary<string, object?>
        {
            ["externalId"] = $"{w.Id}-{day:yyyyMMdd}-{seq:D3}", ["workerId"] = w.Id, ["workerName"] = w.Name, ["kind"] = kind,
            ["at"] = at, ["lon"] = Math.Round(p.Lon, 6), ["lat"] = Math.Round(p.Lat, 6),
        };
        if (note is not null) record["note"] = note;
        return (at, JsonSerializer.Serialize(record, Json));
    }
}
