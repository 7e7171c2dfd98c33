using CommandCenter.Core.Kpis;

namespace CommandCenter.Core.Trends;

/// <summary>The subdistrict's record as the seeds quote it (累计受理 33,021 件, 办结 32,793 件, 结案率 99.3%):
/// the KPIs of this calendar year up to now and of everything since the first day with data
/// (<see cref="LaunchDay"/>, null while there is none). Same definitions as every other KPI
/// (<see cref="KpiSnapshot"/>); read from the rollups, so a wall can reload it on every change.</summary>
public sealed record CumulativeRecord(KpiSnapshot Year, KpiSnapshot SinceLaunch, DateOnly? LaunchDay)
{
    public static CumulativeRecord Empty(DateTimeOffset now)
    {
        var empty = new KpiSnapshot { From = now, To = now, AsOf = now };
        return new(empty, empty, null);
    }
}
