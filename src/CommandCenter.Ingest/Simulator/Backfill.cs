using System.Text;
using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Validation;
using CommandCenter.Ingest.Writer;

namespace CommandCenter.Ingest.Simulator;

/// <summary>Writes weeks or months of history straight through the ingest pipeline (same validation
/// and writer as HTTP, no network): cases reported along the daily and weekly rhythm, each in the state
/// it has reached by now, with their mediations and every grid worker's patrol days.</summary>
public sealed class Backfill(IngestPipeline pipeline, SimWorld world, TimeProvider clock)
{
    public sealed record Totals(int Cases, int OpenCases, int Mediations, int PatrolEvents, int Rejected);

    public async Task<Totals> RunAsync(TimeSpan span, double perDay, int seed, string source, Action<string> progress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = now - span;
        var random = new Random(seed);
        var factory = new CaseFactory(world, seed);
        var cases = new List<SimCase>();
        for (var hour = from; hour < now; hour = hour.AddHours(1))
        {
            var n = Rhythm.Draw(random, hour, TimeSpan.FromHours(1), perDay);
            for (var i = 0; i < n; i++)
            {
                var at = hour.AddSeconds(random.Next(3600));
                if (at < now) cases.Add(factory.Next(at, "sim"));
            }
        }
        var rejected = 0;
        progress($"backfill: {cases.Count} cases since {from:yyyy-MM-dd}");
        rejected += await WriteAsync(IngestStream.Incidents, source, cases.Select(c => c.ToJson(now)), ct);
        var mediations = cases.Where(c => c.Mediation is not null && c.Mediation.StartedAt <= now).ToList();
        rejected += await WriteAsync(IngestStream.Mediations, source, mediations.Select(c => c.Mediation!.ToJson(c.ExternalId, c.Grid, now)), ct);
        progress($"backfill: {mediations.Count} mediations");
        var patrols = new PatrolSchedule(world, seed).Between(from, now).Select(e => e.Json).ToList();
        rejected += await WriteAsync(IngestStream.Patrols, source, patrols, ct);
        progress($"backfill: {patrols.Count} patrol events");
        return new Totals(cases.Count, cases.Count(c => c.CloseAt is null || c.CloseAt > now), mediations.Count, patrols.Count, rejected);
    }

    private async Task<int> WriteAsync(IngestStream stream, string source, IEnumerable<string> json, CancellationToken ct)
    {
        var rejected = 0;
        foreach (var chunk in json.Chunk(5000))
        {
            var records = chunk.Select((j, i) => new RawRecord(i + 1, Encoding.UTF8.GetBytes(j))).ToList();
            var result = await pipeline.ProcessAsync(stream, source, records, ct);
            rejected += result.Rejected;
        }
        return rejected;
    }
}
