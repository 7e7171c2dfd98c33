using System.Diagnostics.Metrics;

namespace CommandCenter.Core.Observability;

/// <summary>The instruments of both apps, on one <see cref="Meter"/> ("CommandCenter"), recorded by the code
/// that knows each figure and exported at /metrics (<see cref="MetricsExtensions"/>). Static, like the
/// framework's own meters: an instrument nobody listens to costs a branch, so the command line (import,
/// simulate) shares the writers without paying for it. Durations are in seconds (Prometheus convention).</summary>
public static class CommandCenterMetrics
{
    public const string MeterName = "CommandCenter";

    private static readonly Meter Meter = new(MeterName);

    // Fine enough around the targets (250 ms, 1 s) for a p99 read from the buckets to mean something.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30],
    };

    /// <summary>Records ingest answered for, by <c>stream</c> and <c>outcome</c> (accepted, duplicate, rejected):
    /// the ingest rate and the rejects in one counter.</summary>
    public static readonly Counter<long> IngestRecords = Meter.CreateCounter<long>(
        "cc.ingest.records", "{record}", "Records ingest answered for, by stream and outcome");

    /// <summary>From the request's arrival to its acknowledgement (validated, committed, answer written).</summary>
    public static readonly Histogram<double> IngestAckDuration = Meter.CreateHistogram(
        "cc.ingest.ack.duration", "s", "Ingest request: arrival to acknowledgement (after the commit)", advice: Seconds);

    /// <summary>How old a change-log entry is when this process's listener reads it (from the writing
    /// transaction's timestamp).</summary>
    public static readonly Histogram<double> ChangeFeedLag = Meter.CreateHistogram(
        "cc.changefeed.lag", "s", "Change-log entry: written to read by this process's change feed", advice: Seconds);

    /// <summary>One LiveState refresh: the snapshot loaded from the database and published.</summary>
    public static readonly Histogram<double> LiveRefreshDuration = Meter.CreateHistogram(
        "cc.live.refresh.duration", "s", "LiveState refresh: snapshot loaded and published", advice: Seconds);

    /// <summary>One of a LiveState refresh's reads (they run at once), by <c>read</c>: which of them the refresh waits for.</summary>
    public static readonly Histogram<double> LiveRefreshReadDuration = Meter.CreateHistogram(
        "cc.live.refresh.read.duration", "s", "LiveState refresh: one of its concurrent reads, by read", advice: Seconds);

    /// <summary>Connected SignalR clients, by <c>hub</c>.</summary>
    public static readonly UpDownCounter<long> HubClients = Meter.CreateUpDownCounter<long>(
        "cc.hub.clients", "{connection}", "Connected SignalR clients, by hub");

    /// <summary>One message sent to a hub group: serialised once, written to every member's connection.</summary>
    public static readonly Histogram<double> HubSendDuration = Meter.CreateHistogram(
        "cc.hub.send.duration", "s", "Hub message: send to every client of the group (serialise once, write to each)", advice: Seconds);

    /// <summary>From the oldest change a delta carries (its change-log timestamp) to the delta written to every
    /// /hubs/live client: the server's own share of ingest → screen.</summary>
    public static readonly Histogram<double> HubDeliveryDelay = Meter.CreateHistogram(
        "cc.hub.delivery.delay", "s", "Change written to its /hubs/live delta sent to every client", advice: Seconds);

    /// <summary>Open Blazor circuits (walls and desk pages).</summary>
    public static readonly UpDownCounter<long> OpenCircuits = Meter.CreateUpDownCounter<long>(
        "cc.circuits.open", "{circuit}", "Open Blazor circuits");

    /// <summary>One fold of the pending trend parts into the rollups (<c>trend_fold()</c>, by a reader or the
    /// background folder): how long the write path's rollup work takes now that it is off the writers' path.</summary>
    public static readonly Histogram<double> TrendFoldDuration = Meter.CreateHistogram(
        "cc.trends.fold.duration", "s", "Trend rollups: one fold of the pending parts (lock, delete, apply, commit)", advice: Seconds);

    /// <summary>Pending part rows folded into the rollups (summed per key and statement by the write triggers).</summary>
    public static readonly Counter<long> TrendFoldedParts = Meter.CreateCounter<long>(
        "cc.trends.fold.parts", "{part}", "Trend rollups: pending part rows folded");

    /// <summary>Pending part rows the background folder found on its last turn: the rollups' backlog, at most one interval's writes when it keeps up.</summary>
    public static readonly Gauge<long> TrendPendingParts = Meter.CreateGauge<long>(
        "cc.trends.pending", "{part}", "Trend rollups: pending part rows the background folder found (and folded) on its last turn");

    public static double SecondsSince(long startTimestamp) =>
        System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
