using CommandCenter.Core.Cases;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CommandCenter.Tests.Cases;

/// <summary>The case services wired to a test database and a hand-set clock, plus small helpers that
/// read back what the tests assert on (only the test's own cases).</summary>
public sealed class CaseWorkbench(NpgsqlDataSource db, DateTimeOffset start)
{
    public FakeTimeProvider Clock { get; } = new(start.ToUniversalTime());
    public CaseActions Actions => new(db, Clock, NullLogger<CaseActions>.Instance);
    public CaseRegistrar Registrar => new(db, Clock);
    public CaseDetailReader Reader => new(db);

    /// <summary>A fresh case in <paramref name="status"/> (written like ingest writes it) in grid G001.</summary>
    public async Task<long> NewCaseAsync(string status = CaseStatus.Pending, string category = "sewer", int priority = 3)
    {
        await SampleData.EnsureGridsAsync(db, 4);
        var ids = await SampleData.AddCasesAsync(db, [new CaseSpec(Clock.GetUtcNow())
        {
            Status = status, Category = category, Grid = "G001", Priority = priority, ReportedAt = Clock.GetUtcNow(),
        }]);
        return ids[0];
    }

    public async Task<CaseState> StateAsync(long id) => (await Reader.LoadAsync(id, CancellationToken.None))!.State;

    /// <summary>Applies a command at the case's current version and insists it was done.</summary>
    public async Task<CaseState> DoAsync(long id, CaseCommand command, string actor = "值班员甲")
    {
        var s = await StateAsync(id);
        var result = await Actions.ApplyAsync(id, s.Version, command, actor, CancellationToken.None);
        Assert.True(result.Done, $"{command.Action}: {result.Message}");
        return await StateAsync(id);
    }

    public async Task<long> ScalarAsync(string sql, long id)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    /// <summary>Change-log rows of kind case-action that name the case.</summary>
    public Task<long> ChangesForAsync(long id) => ScalarAsync(
        "SELECT count(*) FROM change_log WHERE kind = 'case-action' AND payload->'caseIds' @> to_jsonb(@id)", id);
}
