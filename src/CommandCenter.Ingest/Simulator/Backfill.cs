using System.Text;
using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Validation;
using CommandCenter.Ingest.Writer;
using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>Writes weeks or months of history straight through the ingest pipeline (same validation
/// and writer as HTTP, no network): cases reported along the daily and weekly rhythm, each in the state
/// it has reached by now, with their mediations and every grid worker's patrol days.</summary>
public sealed class Backfill(IngestPipeline pipeline, SimWorld world, TimeProvider clock, NpgsqlDataSource db)
{
    public sealed record Totals(int Cases, int OpenCases, int Mediations, int PatrolEvents, int Rejected, int Actions = 0, int ActionsRefused = 0);

    public async Task<Totals> RunAsync(TimeSpan span, double perDay, int seed, string source, Action<string> progress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = now - span;
        var random = new Random(seed);
        // The same workers as the patrols; a few grids left unpatrolled for days before now.
        var schedule = new PatrolSchedule(world, seed, anchor: now);
        var factory = new CaseFactory(world, seed, workerOfGrid: schedule.WorkerOfGrid());
        var cases = new List<SimCase>();
        for (var hour = from; hour < now; hour = hour.AddHours(1))
        {
            var n = Rhythm.Draw(random, hour, TimeSpan.FromHours(1), perDay);
            for (var i = 0; i < n; i++)
            {
                var at = hour.AddSeconds(random.Next(3600));
                if (at >= now) continue;
                var c = factory.Next(at, "sim");
                cases.Add(c);
                if (factory.Duplicate(c) is { } duplicate && duplicate.ReportedAt < now) cases.Add(duplicate);
            }
        }
        var rejected = 0;
        progress($"backfill: {cases.Count} cases since {from:yyyy-MM-dd}");
        var officer = new SimOfficer(db);
        rejected += await ActInRoundsAsync(cases, officer, source, now, ct);
        // Every 不满意 callback as its own version (ingest reopens on each), then the state as of now.
        rejected += await WriteAsync(IngestStream.Incidents, source, cases.SelectMany(c =>
            c.Unsatisfied.Where(u => u.CallbackAt < now).Select(u => c.ToJson(u.CallbackAt)).Append(c.ToJson(now))), ct);
        var mediations = cases.Where(c => c.Mediation is not null && c.Mediation.StartedAt <= now).ToList();
        rejected += await WriteAsync(IngestStream.Mediations, source, mediations.Select(c => c.Mediation!.ToJson(c.ExternalId, c.Grid, now)), ct);
        progress($"backfill: {mediations.Count} mediations");
        var patrols = schedule.Between(from, now).Select(e => e.Json).ToList();
        rejected += await WriteAsync(IngestStream.Patrols, source, patrols, ct);
        progress($"backfill: {patrols.Count} patrol events");
        return new Totals(cases.Count, cases.Count(c => c.MergeAt is null && (c.CloseAt is null || c.CloseAt > now)), mediations.Count,
            patrols.Count, rejected, officer.Done, officer.Refused);
    }

    /// <summary>The officers' and units' steps, in rounds: the state each case had just before its k-th step is
    /// written, then the k-th steps are applied in time order — so every step meets the case as it was then.
    /// A duplicate's primary is written (as first reported) before the duplicate is merged into it.</summary>
    private async Task<int> ActInRoundsAsync(List<SimCase> cases, SimOfficer officer, string source, DateTimeOffset now, CancellationToken ct)
    {
        var byId = cases.ToDictionary(c => c.ExternalId, StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var rejected = 0;
        for (var k = 0; ; k++)
        {
            var due = cases.Select(c => (Case: c, Action: c.Actions().Where(a => a.At < now).ElementAtOrDefault(k)))
                .Where(x => x.Action is not null).ToList();
            if (due.Count == 0) return rejected;
            var versions = new List<string>();
            foreach (var (c, a) in due)
            {
                if (a!.PrimaryExternalId is { } p && byId.TryGetValue(p, out var primary) && written.Add(p))
                    versions.Add(primary.ToJson(primary.ReportedAt));
                versions.Add(c.ToJson(a.At.AddMilliseconds(-1)));   // the state the step meets
                written.Add(c.ExternalId);
            }
            rejected += await WriteAsync(IngestStream.Incidents, source, versions, ct);
            foreach (var (_, a) in due.OrderBy(x => x.Action!.At))
                await officer.ActAsync(source, a!, ct);
        }
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
