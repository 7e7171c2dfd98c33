using CommandCenter.Core.Cases;
using Npgsql;

namespace CommandCenter.Core.ChangeFeed;

/// <summary>The cases created by the change-log entries after a position: an ingested batch names its new
/// cases (<see cref="IncidentsChange.CreatedCaseIds"/>), an officer's 登记 is a <see cref="CaseActionChange"/>
/// with action <see cref="CaseActionKind.Register"/>. Read by position, so a reader that keeps its last position
/// sees every new case exactly once however many arrive between two reads (change-log positions follow commit order).</summary>
public static class CreatedCases
{
    /// <summary>At most <paramref name="maxEntries"/> entries after <paramref name="afterPosition"/> up to and
    /// including <paramref name="upToPosition"/>.
    /// <see cref="CreatedCasesPage.LastPosition"/> is the last entry read (also one that created nothing),
    /// or <paramref name="afterPosition"/> when there was none.</summary>
    public static async Task<CreatedCasesPage> ReadAfterAsync(NpgsqlDataSource db, long afterPosition, long upToPosition,
        int maxEntries, CancellationToken ct)
    {
        // The typed payloads, read through the one reader of the log, so this never disagrees with the feed.
        var entries = await ChangeLog.ReadAfterAsync(db, afterPosition, maxEntries, ct);
        var last = afterPosition;
        var read = 0;
        var ids = new List<long>();
        foreach (var entry in entries)
        {
            if (entry.Position > upToPosition) break;
            last = entry.Position;
            read++;
            ids.AddRange(entry.Payload switch
            {
                IncidentsChange { CreatedCaseIds: { } created } => created,
                CaseActionChange { Action: CaseActionKind.Register } register => register.CaseIds,
                _ => [],
            });
        }
        return new CreatedCasesPage(last, ids, read);
    }
}
