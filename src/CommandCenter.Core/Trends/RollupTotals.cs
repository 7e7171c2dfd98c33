using CommandCenter.Core.Kpis;

namespace CommandCenter.Core.Trends;

/// <summary>The summed rollup columns of one group (a bucket, an area, a period), as Dapper reads them.
/// Turned into a <see cref="KpiSnapshot"/> for display, so the rates are the KPI definitions'.</summary>
internal sealed class RollupTotals
{
    /// <summary>The SELECT list summing trend_case_daily columns (table alias t).</summary>
    public const string CaseSums = """
        sum(t.reports)::bigint AS Reports, sum(t.repeats)::bigint AS Repeats, sum(t.accepted)::bigint AS Accepted,
        sum(t.accepted_closed)::bigint AS AcceptedClosed, sum(t.closed)::bigint AS Closed,
        sum(t.closed_on_time)::bigint AS ClosedOnTime, sum(t.dispatch_n)::bigint AS DispatchN,
        sum(t.dispatch_us)::float8 AS DispatchUs, sum(t.close_n)::bigint AS CloseN, sum(t.close_us)::float8 AS CloseUs,
        sum(t.callbacks)::bigint AS Callbacks, sum(t.satisfied)::bigint AS Satisfied, sum(t.unsatisfied)::bigint AS Unsatisfied
        """;

    /// <summary>The SELECT list summing trend_mediation_daily columns (table alias t).</summary>
    public const string MediationSums = """
        sum(t.concluded)::bigint AS Concluded, sum(t.succeeded)::bigint AS Succeeded,
        sum(t.partial)::bigint AS Partial, sum(t.resolved_locally)::bigint AS ResolvedLocally
        """;

    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTime Bucket { get; set; }
    public bool Current { get; set; }
    public long Reports { get; set; }
    public long Repeats { get; set; }
    public long Accepted { get; set; }
    public long AcceptedClosed { get; set; }
    public long Closed { get; set; }
    public long ClosedOnTime { get; set; }
    public long DispatchN { get; set; }
    public double DispatchUs { get; set; }
    public long CloseN { get; set; }
    public double CloseUs { get; set; }
    public long Callbacks { get; set; }
    public long Satisfied { get; set; }
    public long Unsatisfied { get; set; }
    public long Concluded { get; set; }
    public long Succeeded { get; set; }
    public long Partial { get; set; }
    public long ResolvedLocally { get; set; }

    public void AddMediations(RollupTotals? m)
    {
        if (m is null) return;
        Concluded += m.Concluded;
        Succeeded += m.Succeeded;
        Partial += m.Partial;
        ResolvedLocally += m.ResolvedLocally;
    }

    /// <summary>The period KPIs of these totals. Point-in-time KPIs (超期件, 督办件, 在岗, 巡查) are not in
    /// rollups and stay 0; medians cannot be summed and stay null (means are exact).</summary>
    public KpiSnapshot ToSnapshot(KpiPeriod period, DateTimeOffset asOf) => new()
    {
        From = period.From,
        To = period.To,
        AsOf = asOf,
        Accepted = (int)Accepted,
        AcceptedAndClosed = (int)AcceptedClosed,
        Closed = (int)Closed,
        ClosedOnTime = (int)ClosedOnTime,
        Callbacks = (int)Callbacks,
        Satisfied = (int)Satisfied,
        MediationsConcluded = (int)Concluded,
        MediationsSucceeded = (int)Succeeded,
        MediationsPartial = (int)Partial,
        DisputesResolved = (int)Succeeded,
        DisputesResolvedLocally = (int)ResolvedLocally,
        Reports = (int)Reports,
        RepeatComplaints = (int)Repeats,
        ResponseMeanMinutes = DispatchN == 0 ? null : DispatchUs / DispatchN / 60e6,
        CloseMeanHours = CloseN == 0 ? null : CloseUs / CloseN / 3600e6,
    };
}
