using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Simulator;

/// <summary>The real-time feed: every tick, new cases along the daily rhythm, the next step of every
/// open case whose time has come, mediation starts and outcomes, and the grid workers' patrol events
/// of the elapsed interval — each sent as one NDJSON batch per stream.</summary>
public sealed class LiveFeed(SimWorld world, IngestHttpSender sender, CaseFactory factory, TimeProvider clock,
    double perDay, int seed, Action<string> log, UnitAccounts? unitAccounts = null, SimOfficer? officer = null, string source = SimulateCommand.Source)
{
    private readonly Random _random = new(seed);
    // Anchored at the start, like the backfill: the grids it left unpatrolled stay so.
    private readonly PatrolSchedule _patrols = new(world, seed, anchor: clock.GetUtcNow());
    private readonly Dictionary<string, (SimCase Case, DateTimeOffset SentAt)> _open = new(StringComparer.Ordinal);
    // Duplicates planned for a moment still to come: reported (sent) when their time arrives.
    private readonly List<SimCase> _upcoming = [];

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
                if (factory.Duplicate(c) is { } duplicate) _upcoming.Add(duplicate);
            }
            foreach (var d in _upcoming.Where(d => d.ReportedAt <= now).ToList())
            {
                _upcoming.Remove(d);
                _open[d.ExternalId] = (d, now);
                incidents.Add(d.ToJson(d.ReportedAt));
                sentCases++;
            }
            var actions = new List<SimAction>();
            foreach (var (id, (c, sentAt)) in _open.ToList())
            {
                if (sentAt == now) continue;
                // A unit with its own account signs for and feeds back on its cases itself: once such a case is
                // dispatched (and that state sent), the simulator plans nothing more for it.
                if (selfActing is not null && c.Assignee is { } unit && selfActing.Contains(unit) && c.DispatchAt is { } d && d <= sentAt)
                    c.HandOver();
                // Every milestone passed since the last send as its own version (a 不满意 callback must not be skipped).
                // A case resumed after a restart sends its state as of now once (its past is already stored).
                var changes = sentAt == DateTimeOffset.MinValue
                    ? (c.NextChangeAfter(sentAt) is { } next && next <= now ? [now] : new List<DateTimeOffset>())
                    : c.ChangesBetween(sentAt, now).ToList();
                foreach (var at in changes)
                {
                    incidents.Add(c.ToJson(at));
                    sentUpdates++;
                }
                if (changes.Count > 0) _open[id] = (c, now);
                actions.AddRange(c.Actions().Where(a => a.At > sentAt && a.At <= now));
                if (c.Mediation is { } m && (m.StartedAt > sentAt && m.StartedAt <= now || m.EndedAt > sentAt && m.EndedAt <= now))
                {
                    mediations.Add(m.ToJson(c.ExternalId, c.Grid, now));
                    sentMediations++;
                }
                // Done (closed, merged) or stalled for good once its last reachable state has been sent and its
                // officers' steps are done.
                if (c.NextChangeAfter(_open[id].SentAt) is null && !c.Actions().Any(a => a.At > now))
                    _open.Remove(id);
            }
            var patrols = _patrols.Between(last, now).Select(e => e.Json).ToList();
            sentPatrols += patrols.Count;
            await sender.SendAsync(IngestPipeline.Name(IngestStream.Incidents), incidents, ct);
            await sender.SendAsync(IngestPipeline.Name(IngestStream.Mediations), mediations, ct);
            await sender.SendAsync(IngestPipeline.Name(IngestStream.Patrols), patrols, ct);
            // After the states they follow have been sent: 退回, 驳回重办, 合并重复件 at their moments.
            if (officer is not null)
                foreach (var a in actions.OrderBy(a => a.At))
                    await officer.ActAsync(source, a with { At = now }, ct);
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
