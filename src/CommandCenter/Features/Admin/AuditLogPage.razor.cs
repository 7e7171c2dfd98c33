using CommandCenter.Core.Security;
using CommandCenter.Core.Time;
using Microsoft.AspNetCore.Components;
using Radzen;
using Radzen.Blazor;

namespace CommandCenter.Features.Admin;

public partial class AuditLogPage
{
    [Inject] private AuditLog Log { get; set; } = default!;

    private RadzenDataGrid<AuditRecord> Grid { get; set; } = default!;
    private AuditFilter Filter { get; set; } = new();
    private IReadOnlyList<AuditRecord> Page { get; set; } = [];
    private long Total { get; set; }
    private int TotalRows => (int)Math.Min(Total, int.MaxValue);
    private bool Loading { get; set; }

    private static readonly IReadOnlyList<KeyValuePair<string, string>> ActionOptions = AuditActions.Labels.ToArray();
    private static readonly IReadOnlyList<KeyValuePair<string, string>> OutcomeOptions = [new("ok", "成功"), new("failed", "失败")];

    // The first page is read with the page itself (prerendered); the grid asks again when paging or searching.
    protected override async Task OnInitializedAsync() => (Page, Total) = await Log.SearchAsync(new AuditQuery(), CancellationToken.None);

    private async Task SearchAsync() => await Grid.FirstPage(forceReload: true);

    private async Task LoadAsync(LoadDataArgs args)
    {
        Loading = true;
        // The date pickers show Beijing time; the database holds instants.
        var query = new AuditQuery(
            From: Filter.From is { } f ? FromShanghai(f) : null,
            To: Filter.To is { } t ? FromShanghai(t) : null,
            Actor: Filter.Actor,
            Action: Filter.Action,
            Text: Filter.Text,
            Succeeded: Filter.Outcome switch { "ok" => true, "failed" => false, _ => null },
            Offset: args.Skip ?? 0,
            Limit: args.Top ?? 50);
        (Page, Total) = await Log.SearchAsync(query, CancellationToken.None);
        Loading = false;
    }

    private static DateTimeOffset FromShanghai(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Shanghai.Zone.GetUtcOffset(local));
}
