using CommandCenter.Core.Security;
using CommandCenter.Core.Time;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CommandCenter.Features.Admin;

public partial class AuditLogPage
{
    [Inject] private AuditLog Log { get; set; } = default!;

    private MudDataGrid<AuditRecord> Grid { get; set; } = default!;
    private AuditFilter Filter { get; set; } = new();
    private static readonly int[] PageSizes = [50, 100, 200];

    private static readonly IReadOnlyList<KeyValuePair<string, string>> ActionOptions = AuditActions.Labels.ToArray();
    private static readonly IReadOnlyList<KeyValuePair<string, string>> OutcomeOptions = [new("ok", "成功"), new("failed", "失败")];

    private Task SearchAsync() => Grid.ReloadServerData();

    private async Task SearchOnEnterAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter") await SearchAsync();
    }

    private async Task<GridData<AuditRecord>> LoadAsync(GridState<AuditRecord> state, CancellationToken ct)
    {
        // The pickers show Beijing time; the database holds instants.
        var query = new AuditQuery(
            From: Filter.From is { } f ? FromShanghai(f) : null,
            To: Filter.To is { } t ? FromShanghai(t) : null,
            Actor: Filter.Actor,
            Action: Filter.Action,
            Text: Filter.Text,
            Succeeded: Filter.Outcome switch { "ok" => true, "failed" => false, _ => null },
            Offset: state.Page * state.PageSize,
            Limit: state.PageSize);
        var (page, total) = await Log.SearchAsync(query, ct);
        return new GridData<AuditRecord> { Items = page, TotalItems = (int)Math.Min(total, int.MaxValue) };
    }

    private static DateTimeOffset FromShanghai(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Shanghai.Zone.GetUtcOffset(local));
}
