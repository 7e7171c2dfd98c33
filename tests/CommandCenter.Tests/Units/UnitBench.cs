using CommandCenter.Core.Cases;
using CommandCenter.Core.Notices;
using CommandCenter.Core.Security;
using CommandCenter.Core.Units;
using CommandCenter.Tests.Cases;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Tests.Units;

/// <summary>The units' services over a test database and the workbench's hand-set clock, with helpers that
/// make a case dispatched to a unit.</summary>
public sealed class UnitBench(NpgsqlDataSource db, DateTimeOffset start)
{
    public CaseWorkbench Cases { get; } = new(db, start);
    public UnitCases Reads => new(db, Cases.Reader, Cases.Clock);
    public UnitWork Work => new(Cases.Actions);
    public NoticeStore Notices => new(db, Cases.Clock);
    public DispatchWatch Watch => new(db, Cases.Clock, NullLogger<DispatchWatch>.Instance);

    public static readonly UnitBinding Chengguan = new("chengguan", []);
    public static readonly UnitBinding Zhujian = new("zhujian", []);
    public static readonly AuditActor Person = new("cg1", Roles.Unit, "127.0.0.1");

    /// <summary>A case accepted and dispatched (by an officer) to <paramref name="unit"/>, titled <paramref name="title"/>.</summary>
    public async Task<long> DispatchedAsync(string unit, string unitName, int priority = 3, string? title = null)
    {
        var id = await Cases.NewCaseAsync(CaseStatus.Accepted, priority: priority);
        if (title is not null)
        {
            await using var cmd = db.CreateCommand("UPDATE cases SET title = @t WHERE id = @id");
            cmd.Parameters.AddWithValue("t", title);
            cmd.Parameters.AddWithValue("id", id);
            await cmd.ExecuteNonQueryAsync();
        }
        await Cases.DoAsync(id, new CaseCommand.Dispatch(unit, unitName));
        return id;
    }

    public async Task<CaseActionResult> ActAsync(UnitBinding unit, long id, CaseCommand command, string actor = "城管值守（cg1）")
    {
        var s = await Cases.StateAsync(id);
        return await Work.ApplyAsync(unit, id, s.Version, command, actor, CancellationToken.None);
    }

    public async Task<long> CountAsync(string sql, long id) => await Cases.ScalarAsync(sql, id);
}
