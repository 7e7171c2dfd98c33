using CommandCenter.Shared.Live;
using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Privacy;
using CommandCenter.Core.Security;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components;
using Npgsql;

namespace CommandCenter.Features.Cases;

/// <summary>One case: facts, small map, deadline countdown, actions and the full timeline. Reloads when the
/// change feed announces a change to this case (another officer, ingest or the automatic 督办).</summary>
public sealed partial class CaseDetailPage
{
    [Parameter] public long Id { get; set; }

    [Inject] private CaseDetailReader Reader { get; set; } = null!;
    [Inject] private NpgsqlDataSource Db { get; set; } = null!;
    [Inject] private IChangeFeed Feed { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<CaseDetailPage> Logger { get; set; } = null!;
    [Inject] private DutyOfficer Officer { get; set; } = null!;
    [Inject] private AuditLog Audit { get; set; } = null!;
    [Inject] private CurrentActor Actor { get; set; } = null!;

    private static readonly IReadOnlyList<string> DetailKeys =
        ["a", "d", "s", "b", "f", "r", "x", "v", "w", "h", "i", "p", "m", "t", "c", "1", "2", "3", "Escape", "Ctrl+Enter"];

    private CaseKeys? _keys;
    private CaseActionPanel? _panel;
    private CaseDetail? _detail;
    private CaseLookups? _lookups;
    private bool _notFound;
    // Personal data is masked until an officer asks to see it; the asking is audited (PIPL).
    private bool _revealed;
    private long _revealedFor;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _stop = new();
    private CoalescedRefresh _refresh = null!;

    protected override async Task OnInitializedAsync()
    {
        _lookups = await CaseLookups.LoadAsync(Db, _stop.Token);
        _refresh = new CoalescedRefresh(InvokeAsync, async () => { await ReloadAsync(); StateHasChanged(); }, TimeSpan.FromMilliseconds(150), Clock, Logger, _stop.Token);
        _subscription = Feed.Subscribe(OnChangesAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_revealedFor != Id) _revealed = false; // another case: masked again
        await ReloadAsync();
    }

    private async Task RevealAsync()
    {
        if (!Officer.CanAct || _detail is null) return;
        var actor = await Actor.GetAsync();
        await Audit.AppendAsync(new AuditEntry(actor.Name, actor.Role, AuditActions.PersonalDataViewed, $"事件 #{Id}", actor.Ip,
            Details: new Dictionary<string, string?> { ["fields"] = "报告人姓名、电话、标题、地址、描述、备注" }), _stop.Token);
        (_revealed, _revealedFor) = (true, Id);
        await ReloadAsync();
    }

    /// <summary>The unit's 签收 since the latest 分流 (a returned and re-dispatched case is unsigned again).</summary>
    private static CaseDetail.TimelineEntry? Signed(CaseDetail d) =>
        d.State.DispatchedAt is { } at ? d.Timeline.LastOrDefault(e => e.Action == CaseActionKind.Start && e.At >= at) : null;

    // The reader already masks unless personal data was asked for; masking again changes nothing and keeps
    // the markup safe if it is ever handed an unmasked text.
    private string? Pii(string? text) => _revealed ? text : Masking.FreeText(text);

    private string? PiiName(string? name) => _revealed ? name : Masking.Name(name);

    private string? PiiPhone(string? phone) => _revealed ? phone : Masking.Phone(phone);

    private async Task ReloadAsync()
    {
        _detail = _revealed
            ? await Reader.LoadWithPersonalDataAsync(Id, _stop.Token)
            : await Reader.LoadAsync(Id, _stop.Token);
        _notFound = _detail is null;
    }

    private Task OnChangesAsync(IReadOnlyList<ChangeEntry> entries, CancellationToken ct)
    {
        // By id in the typed payload: the text of another case's payload (case 112 for case 12) never matches.
        var id = Id;
        if (!entries.Any(e => e.TouchesCase(id))) return Task.CompletedTask;
        _refresh.Request();
        return Task.CompletedTask;
    }

    private async Task OnKeyAsync(string key)
    {
        if (_panel is not null && await _panel.HandleKeyAsync(key)) return;
        if (key == "Escape") Nav.NavigateTo("cases");
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
