using CommandCenter.Core.Cases;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.ComponentTests.Infrastructure;

/// <summary>Cases written into a test database the way ingest writes them, and read back the way the
/// case page reads them.</summary>
public sealed class CaseBench(NpgsqlDataSource db, TimeProvider clock)
{
    public CaseActions Actions { get; } = new(db, clock, NullLogger<CaseActions>.Instance);

    public async Task<long> NewCaseAsync(string status, int priority = 3, string title = "下水道堵塞",
        DateTimeOffset? deadline = null, DateTimeOffset? reported = null)
    {
        await SampleData.EnsureGridsAsync(db, 4);
        var at = reported ?? clock.GetUtcNow();
        var ids = await SampleData.AddCasesAsync(db, [new CaseSpec(at)
        {
            Status = status, Grid = "G001", Priority = priority, Title = title, ReportedAt = at, DeadlineAt = deadline,
            DispatchedAt = deadline is null ? null : at, ClosedAt = status == CaseStatus.Closed ? at : null,
        }]);
        return ids[0];
    }

    public async Task<CaseDetail> DetailAsync(long id) => (await new CaseDetailReader(db).LoadAsync(id, CancellationToken.None))!;
}
