using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Simulator;

/// <summary>The real-time feed: every tick, new cases along the daily rhythm, the next step of every
/// open case whose time has come, mediation starts and outcomes, and the grid workers' patrol events
/// of the elapsed interval — each sent as one NDJSON batch per stream.</summary>
public sealed class LiveFeed(SimWorld world, IngestHttpSender sender, CaseFactory factory, TimeProvider clock,
    double perDay, int seed, Action<string> log, UnitAccounts? unitAccounts = null)
{
    private readonly Random _random = new(seed);
    private readonly PatrolSchedule _patrols = new(world, seed);
    private readonly Dictionary<string, (SimCase Case, DateTimeOffset SentAt)> _open = new(StringComparer.Ordinal);

    public void Resume(IEnumerable<SimCase> cases)
    {
        var now = clock.GetUtcNow();
        foreach (var c in cases) _open[c.ExternalId] = (factory.Resume(c, now), DateTimeOffset.MinValue);
    }

    public async Task RunAsync(TimeSpan tick, CancellationToken ct)
    {
        var last = clock.GetUtcNow();
        var lastReport = last;
        int sentCases = 0, sentUpdates = 0, sentPatrols = 0, sentMediations = 0;
        using var timer = new PeriodicTimer(tick, clock);
        do
        {
            var now = clock.GetUtcNow();
            var incidents = new List<string>();
            var mediations = new List<string>();
            var selfActing = unitAccounts is null ? null : await unitAccounts.CurrentAsync(ct);
            for (var n = Rhythm.Draw(_random, now, now - last, perDay); n > 0; n--)
            {
                var c = factory.Next(now, "live");
                _open[c.ExternalId] = (c, now);
                incidents.Add(c.ToJson(now));
                sentCases++;
            }
            foreach (var (id, (c, sentAt)) in _open.ToList())
            {
                if (sentAt == now) continue;
                // A unit with its own account signs for and feeds back on its cases itself: once such a case is
                // dispatched (and that state sent), the simulator plans nothing more for it.
                if (selfActing is not null && c.Assignee is { } unit && selfActing.Contains(unit) && c.DispatchAt is { } d && d <= sentAt)
                    c.HandOver();
                if (c.NextChangeAfter(sentAt) is { } next && next <= now)
                {
                    incidents.Add(c.ToJson(now));
                    sentUpdates++;
                    _open[id] = (c, now);
                }
                if (c.Mediation is { } m && (m.StartedAt > sentAt && m.StartedAt <= now || m.EndedAt > sentAt && m.EndedAt <= now))
                {
                    mediations.Add(m.ToJson(c.ExternalId, c.Grid, now));
                    sentMediations++;
                }
                // Done (closed) or stalled for good once its last reachable state has been sent.
                if (c.NextChangeAfter(_open[id].SentAt) is null)
                    _open.Remove(id);
            }
            var patrols = _patrols.Between(last, now).Select(e => e.Json).ToList();
            sentPatrols += patrols.Count;
            await sender.SendAsync(IngestPipeline.Name(IngestStream.Incidents), incidents, ct);
            await sender.SendAsync(IngestPipeline.Name(IngestStream.Mediations), mediations, ct);
            await sender.SendAsync(IngestPipeline.Name(IngestStream.Patrols), patrols, ct);
            last = now;
            if (now - lastReport >= TimeSpan.FromMinutes(1))
            {
                log($"last minute: {sentCases} new cases, {sentUpdates} case updates, {sentMediations} mediation records, {sentPatrols} patrol events; {_open.Count} cases open");
                (sentCases, sentUpdates, sentPatrols, sentMediations, lastReport) = (0, 0, 0, 0, now);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
