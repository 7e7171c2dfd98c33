using CommandCenter.Core.Cases;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>The simulated duty officers and units for the steps a source system cannot report — 退回 by a
/// unit, 驳回重办 and 合并重复件 by an officer. They go through Core's <see cref="CaseActions"/> like a
/// person's click (state machine, optimistic concurrency, case event, audit line, change log), at the
/// action's own time: the backfill acts in the past, so the clock is set to each action's moment.</summary>
public sealed class SimOfficer
{
    private readonly NpgsqlDataSource _db;
    private readonly ActionClock _clock = new();
    private readonly CaseActions _actions;

    public const string Officer = "模拟值班员";
    public const string Unit = "模拟承办单位";

    public SimOfficer(NpgsqlDataSource db)
    {
        _db = db;
        _actions = new CaseActions(db, _clock, NullLogger<CaseActions>.Instance);
    }

    public int Done { get; private set; }
    public int Refused { get; private set; }

    /// <summary>Applies <paramref name="action"/> to the case the source knows as its external id. A refusal
    /// (the case moved on meanwhile, e.g. a unit account took it over) is counted, not thrown: real officers
    /// meet that too.</summary>
    public async Task<bool> ActAsync(string source, SimAction action, CancellationToken ct)
    {
        var target = await FindAsync(source, action.ExternalId, ct);
        if (target is not { } t) { Refused++; return false; }
        CaseCommand command;
        switch (action.Kind)
        {
            case SimActionKind.Return:
                command = new CaseCommand.Return("不属于本单位职责，请重新分流");
                break;
            case SimActionKind.Rework:
                command = new CaseCommand.Rework("反馈未附整改后现场照片，问题未彻底解决，请重新处置");
                break;
            default:
                if (await FindAsync(source, action.PrimaryExternalId!, ct) is not { } primary) { Refused++; return false; }
                command = new CaseCommand.Merge(primary.Id, Note: "同一问题经其他渠道重复反映，合并办理");
                break;
        }
        _clock.Now = action.At;
        var result = await _actions.ApplyAsync(t.Id, t.Version, command, action.Kind == SimActionKind.Return ? Unit : Officer, ct);
        if (result.Outcome == CaseActionOutcome.Done) { Done++; return true; }
        Refused++;
        return false;
    }

    private async Task<(long Id, int Version)?> FindAsync(string source, string externalId, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand("SELECT id, version FROM cases WHERE source = @s AND external_id = @e");
        cmd.Parameters.AddWithValue("s", source);
        cmd.Parameters.AddWithValue("e", externalId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt64(0), r.GetInt32(1)) : null;
    }

    /// <summary>A clock the simulator sets to the moment each action happens.</summary>
    private sealed class ActionClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
