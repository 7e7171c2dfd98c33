using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Kpis;

namespace CommandCenter.ComponentTests.Trends;

/// <summary>View-model rows for the trend tables.</summary>
public static class TrendRows
{
    public static KpiSnapshot Week(int accepted, int closed = 0, int onTime = 0) => new()
    {
        From = Clocks.Monday10.AddDays(-7), To = Clocks.Monday10, AsOf = Clocks.Monday10,
        Accepted = accepted, AcceptedAndClosed = closed, Closed = closed, ClosedOnTime = onTime,
    };
}
