using CommandCenter.Shared.Live;
using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Notices;
using CommandCenter.Core.Security;
using CommandCenter.Core.Units;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Work;

/// <summary>One of the unit's cases. Another unit's case (or a missing one) shows the same "not found" and is
/// written to the audit log as refused access. Opening the page records the read receipt of the case's unread
/// notices to this unit. Reloads when the change feed touches the case.</summary>
public sealed partial class WorkCasePage
{
    [Parameter] public long Id { get; set; }

    [Inject] private WorkUnit Unit { get; set; } = null!;
    [Inject] private UnitCases Cases { get; set; } = null!;
    [Inject] private NoticeStore Notices { get; set; } = null!;
    [Inject] private IChangeFeed Feed { get; set; } = null!;
    [Inject] private AuditLog Audit { get; set; } = null!;
    [Inject] private CurrentActor Actor { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<WorkCasePage> Logger { get; set; } = null!;

    private UnitAccount? _account;
    private CaseDetail? _detail;
    private bool _notFound;
    private bool _revealed;
    private long _auditedMissing;
    private string? _message;
    private bool _messageIsError;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _stop = new();
    private CoalescedRefresh _refresh = null!;

    private bool IsAssignee => _detail?.State.AssigneeCode is { } a && _account!.Binding.Scope.Contains(a);

    protected override async Task OnInitializedAsync()
    {
        _account = await Unit.GetAsync(_stop.Token);
        _refresh = new CoalescedRefresh(InvokeAsync, async () => { await ReloadAsync(); StateHasChanged(); }, TimeSpan.FromMilliseconds(150), Clock, Logger, _stop.Token);
        _subscription = Feed.Subscribe(OnChangesAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        _revealed = false;
        await ReloadAsync();
        if (_detail is not null) await MarkNoticesReadAsync();
    }

    private async Task ReloadAsync()
    {
        _detail = _account is null ? null : await Cases.FindAsync(_account.Binding, Id, _stop.Token);
        _notFound = _detail is null;
        if (_notFound && _auditedMissing != Id)
        {
            _auditedMissing = Id;
            var actor = await Actor.GetAsync();
            await Audit.AppendAsync(new AuditEntry(actor.Name, actor.Role, AuditActions.AccessDenied, $"事件 #{Id}", actor.Ip, Succeeded: false,
                Details: new Dictionary<string, string?> { ["page"] = "/work", ["unit"] = _account?.Binding.UnitCode }), _stop.Token);
        }
    }

    private async Task MarkNoticesReadAsync()
    {
        var unread = (await Notices.ForUnitAsync(_account!.Binding.Scope, 200, _stop.Token)).Where(n => n.CaseId == Id && !n.IsRead).ToList();
        if (unread.Count == 0) return;
        var actor = await Actor.GetAsync();
        foreach (var n in unread)
            await Notices.MarkReadAsync(n.Id, _account.Binding.Scope, actor, _account.Actor, _stop.Token);
    }

    private async Task RevealAsync()
    {
        if (_detail is null || _account is not { MayRevealReporter: true }) return;
        var actor = await Actor.GetAsync();
        await Audit.AppendAsync(new AuditEntry(actor.Name, actor.Role, AuditActions.PersonalDataViewed, $"事件 #{Id}", actor.Ip,
            Details: new Dictionary<string, string?> { ["fields"] = "报告人姓名、电话", ["unit"] = _account.Binding.UnitCode }), _stop.Token);
        _revealed = true;
    }

    private async Task OnDoneAsync(CaseActionResult result)
    {
        (_message, _messageIsError) = (result.Message, !result.Done);
        await ReloadAsync();
    }

    private Task OnChangesAsync(IReadOnlyList<ChangeEntry> entries, CancellationToken ct)
    {
        var id = Id;
        if (!entries.Any(e => e.TouchesCase(id))) return Task.CompletedTask;
        _refresh.Request();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
