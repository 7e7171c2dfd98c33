using System.Text.Encodings.Web;
using System.Text.Json;
using Bogus;
using CommandCenter.Core.Time;

namespace CommandCenter.Ingest.Simulator;

/// <summary>The 25 full-time grid workers (专职网格员), each responsible for a run of neighbouring
/// grids. On a working day a worker starts around 08:30, checks in every 15–40 minutes while moving
/// through their grids (a quarter of the stops are household visits, 走访), breaks for lunch and ends
/// around 17:30; at weekends about four in ten are on duty. A day's plan depends only on the worker
/// and the date, so a restarted simulator re-sends the same events (duplicates, harmless).</summary>
public sealed class PatrolSchedule
{
    private sealed record Worker(string Id, string Name, SimWorld.Grid[] Grids);

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<Worker> _workers = [];
    private readonly int _seed;

    public PatrolSchedule(SimWorld world, int seed, int workers = 25)
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
    }

    /// <summary>Patrol events (JSON records) with from ≤ at &lt; to, in time order.</summary>
    public IEnumerable<(DateTimeOffset At, string Json)> Between(DateTimeOffset from, DateTimeOffset to)
    {
        var day = DateOnly.FromDateTime(Shanghai.ToLocal(from).Date);
        var last = DateOnly.FromDateTime(Shanghai.ToLocal(to).Date);
        for (; day <= last; day = day.AddDays(1))
            foreach (var e in _workers.SelectMany(w => Day(w, day)).Where(e => e.At >= from && e.At < to).OrderBy(e => e.At))
                yield return e;
    }

    private IEnumerable<(DateTimeOffset At, string Json)> Day(Worker w, DateOnly day)
    {
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
